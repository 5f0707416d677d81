package dev.tiergate.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.json.Json;
import dev.tiergate.pipeline.GatewayException;

/** OpenAI's error shape: {@code {"error": {"message", "type", "param", "code"}}}, for every failure. */
final class ErrorBodies {
    private ErrorBodies() {}

    static ObjectNode of(GatewayException e) {
        return of(e.getMessage(), e.type(), e.param(), e.code());
    }

    static ObjectNode of(String message, String type, String param, String code) {
        ObjectNode error = Json.object();
        error.put("message", message);
        error.put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }
}
