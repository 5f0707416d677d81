package dev.tiergate.pipeline;

import dev.tiergate.dispatch.Attempt;
import java.util.List;

/**
 * A request that cannot be answered, already classified the way the client will see it: HTTP status plus
 * OpenAI's error fields. Carries any upstream attempts so they are still accounted for.
 */
public final class GatewayException extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final List<Attempt> attempts;

    public GatewayException(int status, String type, String code, String param, String message, List<Attempt> attempts) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.attempts = List.copyOf(attempts);
    }

    public static GatewayException invalid(String param, String message) {
        return new GatewayException(400, "invalid_request_error", "invalid_value", param, message, List.of());
    }

    public static GatewayException modelNotFound(String model, List<String> available) {
        return new GatewayException(404, "invalid_request_error", "model_not_found", "model",
                "The model '" + model + "' does not exist on this gateway. Available routes, tiers and models: "
                        + String.join(", ", available), List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public List<Attempt> attempts() {
        return attempts;
    }
}
