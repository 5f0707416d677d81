package dev.tiergate.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.pipeline.GatewayException;
import java.util.Set;

/**
 * Checks a chat-completions body the way OpenAI does, so a client learns which field is wrong before any
 * model is paid for. Unknown fields are allowed: they pass through to providers that understand them.
 */
public final class ChatRequestValidator {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Set<String> FORMATS = Set.of("text", "json_object", "json_schema");

    private ChatRequestValidator() {}

    public static ChatRequest validate(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw GatewayException.invalid(null, "The request body must be a JSON object.");
        }
        JsonNode model = object.get("model");
        if (model == null || model.isNull()) {
            throw GatewayException.invalid("model", "Missing required parameter: 'model'.");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw GatewayException.invalid("model", "Invalid type for 'model': expected a non-empty string.");
        }
        messages(object.get("messages"));
        optionalBoolean(object, "stream");
        number(object, "temperature", 0, 2);
        number(object, "top_p", 0, 1);
        number(object, "presence_penalty", -2, 2);
        number(object, "frequency_penalty", -2, 2);
        positiveInt(object, "max_tokens");
        positiveInt(object, "max_completion_tokens");
        positiveInt(object, "n");
        stop(object.get("stop"));
        tools(object.get("tools"));
        responseFormat(object.get("response_format"));
        JsonNode streamOptions = object.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw GatewayException.invalid("stream_options", "Invalid type for 'stream_options': expected an object.");
            }
            if (!object.path("stream").asBoolean(false)) {
                throw GatewayException.invalid("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is true.");
            }
        }
        return new ChatRequest(object);
    }

    private static void messages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw GatewayException.invalid("messages", "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray()) {
            throw GatewayException.invalid("messages", "Invalid type for 'messages': expected an array of message objects.");
        }
        if (messages.isEmpty()) {
            throw GatewayException.invalid("messages", "Invalid 'messages': empty array. Expected at least one message.");
        }
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), "messages[" + i + "]");
        }
    }

    private static void message(JsonNode message, String param) {
        if (!message.isObject()) {
            throw GatewayException.invalid(param, "Invalid type for '" + param + "': expected an object.");
        }
        JsonNode role = message.get("role");
        if (role == null || role.isNull()) {
            throw GatewayException.invalid(param + ".role", "Missing required parameter: '" + param + ".role'.");
        }
        if (!ROLES.contains(role.asText())) {
            throw GatewayException.invalid(param + ".role", "Invalid value: '" + role.asText() + "'. Supported values are: "
                    + "'system', 'developer', 'user', 'assistant', 'tool' and 'function'.");
        }
        JsonNode content = message.get("content");
        boolean hasToolCalls = message.path("tool_calls").isArray() && !message.path("tool_calls").isEmpty();
        if (content == null || content.isNull()) {
            if (!"assistant".equals(role.asText()) || !hasToolCalls) {
                throw GatewayException.invalid(param + ".content", "Missing required parameter: '" + param + ".content'.");
            }
        } else if (!content.isTextual() && !content.isArray()) {
            throw GatewayException.invalid(param + ".content", "Invalid type for '" + param + ".content': expected a string or an array of content parts.");
        }
        if ("tool".equals(role.asText()) && !message.path("tool_call_id").isTextual()) {
            throw GatewayException.invalid(param + ".tool_call_id", "Missing required parameter: '" + param + ".tool_call_id'.");
        }
    }

    private static void tools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw GatewayException.invalid("tools", "Invalid type for 'tools': expected an array.");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String param = "tools[" + i + "]";
            if (!"function".equals(tool.path("type").asText())) {
                throw GatewayException.invalid(param + ".type", "Invalid value for '" + param + ".type': only 'function' tools are supported.");
            }
            JsonNode name = tool.path("function").get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw GatewayException.invalid(param + ".function.name", "Missing required parameter: '" + param + ".function.name'.");
            }
            JsonNode parameters = tool.path("function").get("parameters");
            if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
                throw GatewayException.invalid(param + ".function.parameters", "Invalid type for '" + param + ".function.parameters': expected a JSON Schema object.");
            }
        }
    }

    private static void responseFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return;
        }
        String type = format.path("type").asText("");
        if (!FORMATS.contains(type)) {
            throw GatewayException.invalid("response_format.type", "Invalid value: '" + type + "'. Supported values are: 'text', 'json_object' and 'json_schema'.");
        }
        if ("json_schema".equals(type)) {
            JsonNode schema = format.path("json_schema");
            if (!schema.path("name").isTextual()) {
                throw GatewayException.invalid("response_format.json_schema.name", "Missing required parameter: 'response_format.json_schema.name'.");
            }
            if (schema.has("schema") && !schema.get("schema").isObject()) {
                throw GatewayException.invalid("response_format.json_schema.schema", "Invalid type for 'response_format.json_schema.schema': expected an object.");
            }
        }
    }

    private static void stop(JsonNode stop) {
        if (stop == null || stop.isNull() || stop.isTextual()) {
            return;
        }
        if (!stop.isArray() || stop.size() > 4) {
            throw GatewayException.invalid("stop", "Invalid 'stop': expected a string or an array of up to 4 strings.");
        }
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw GatewayException.invalid("stop", "Invalid 'stop': expected a string or an array of up to 4 strings.");
            }
        }
    }

    private static void optionalBoolean(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw GatewayException.invalid(field, "Invalid type for '" + field + "': expected a boolean.");
        }
    }

    private static void number(ObjectNode body, String field, double min, double max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            throw GatewayException.invalid(field, "Invalid type for '" + field + "': expected a number.");
        }
        if (value.doubleValue() < min || value.doubleValue() > max) {
            throw GatewayException.invalid(field, "Invalid '" + field + "': " + value.asText() + " is out of range; expected a value between " + min + " and " + max + ".");
        }
    }

    private static void positiveInt(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isIntegralNumber() || value.longValue() < 1) {
            throw GatewayException.invalid(field, "Invalid '" + field + "': expected an integer of at least 1.");
        }
    }
}
