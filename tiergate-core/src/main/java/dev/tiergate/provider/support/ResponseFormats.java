package dev.tiergate.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.json.Json;
import java.util.Optional;

/**
 * OpenAI's {@code response_format} for providers without an equivalent: a system-prompt instruction that asks for
 * JSON (and shows the schema). It is a request, not a guarantee; Anthropic uses a forced tool instead when it can.
 */
public final class ResponseFormats {
    private ResponseFormats() {}

    /** The instruction to append to the system prompt, or empty for {@code text} and absent formats. */
    public static Optional<String> instruction(JsonNode responseFormat) {
        if (responseFormat == null) {
            return Optional.empty();
        }
        return switch (responseFormat.path("type").asText()) {
            case "json_object" -> Optional.of("Respond with a single valid JSON object and nothing else: no prose, no code fences.");
            case "json_schema" -> Optional.of("Respond with a single valid JSON value that conforms to this JSON Schema, "
                    + "and nothing else: no prose, no code fences.\n" + Json.text(schema(responseFormat).orElse(Json.object())));
            default -> Optional.empty();
        };
    }

    /** The schema of a {@code json_schema} response format. */
    public static Optional<JsonNode> schema(JsonNode responseFormat) {
        JsonNode schema = responseFormat.path("json_schema").get("schema");
        return schema != null && schema.isObject() ? Optional.of(schema) : Optional.empty();
    }
}
