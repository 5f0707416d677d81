package dev.tiergate.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.json.Json;
import dev.tiergate.pipeline.GatewayException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads a JSON body with a size limit enforced before and while reading (chunked bodies have no length). */
final class RequestBodies {
    private RequestBodies() {}

    static JsonNode readJson(ServerRequest req, long maxBytes) {
        if (req.headers().contentLength().orElse(0) > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
        } catch (IOException | UncheckedIOException e) {
            throw GatewayException.invalid(null, "Could not read the request body: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw GatewayException.invalid(null, "The request body is empty; expected a JSON object.");
        }
        try {
            return Json.parse(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new GatewayException(400, "invalid_request_error", "invalid_json", null,
                    "We could not parse the JSON body of your request" + where + ": " + e.getOriginalMessage(), List.of());
        }
    }

    private static GatewayException tooLarge(long maxBytes) {
        return new GatewayException(413, "invalid_request_error", "request_too_large", null,
                "The request body is larger than the gateway's limit of " + maxBytes + " bytes (server.max_body_bytes).", List.of());
    }
}
