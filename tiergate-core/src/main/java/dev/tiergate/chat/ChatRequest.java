package dev.tiergate.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OpenAI chat-completions request body. The OpenAI shape is the gateway's canonical form: it passes through to
 * OpenAI-compatible upstreams untouched (unknown fields included) and other providers translate from it.
 * The wrapped node is never mutated; {@code with*} methods return copies.
 */
public record ChatRequest(ObjectNode body) {

    public String model() {
        return body.path("model").asText("");
    }

    public boolean stream() {
        return body.path("stream").asBoolean(false);
    }

    public boolean includeUsage() {
        return body.path("stream_options").path("include_usage").asBoolean(false);
    }

    public ArrayNode messages() {
        JsonNode messages = body.get("messages");
        return messages instanceof ArrayNode array ? array : ObjectNodes.emptyArray();
    }

    public Optional<ArrayNode> tools() {
        JsonNode tools = body.get("tools");
        return tools instanceof ArrayNode array && !array.isEmpty() ? Optional.of(array) : Optional.empty();
    }

    public Optional<JsonNode> responseFormat() {
        JsonNode format = body.get("response_format");
        return format == null || format.isNull() ? Optional.empty() : Optional.of(format);
    }

    /** {@code max_completion_tokens} wins over the deprecated {@code max_tokens}, as in OpenAI's API. */
    public Optional<Integer> maxTokens() {
        JsonNode value = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        return value != null && value.canConvertToInt() ? Optional.of(value.intValue()) : Optional.empty();
    }

    public List<String> stop() {
        JsonNode stop = body.get("stop");
        List<String> result = new ArrayList<>();
        if (stop == null || stop.isNull()) {
            return result;
        }
        if (stop.isTextual()) {
            result.add(stop.asText());
        } else {
            stop.forEach(s -> result.add(s.asText()));
        }
        return result;
    }

    /** The text of the last user message: what routers and rules look at first. */
    public String lastUserText() {
        ArrayNode messages = messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asText())) {
                return MessageContent.text(message.get("content"));
            }
        }
        return "";
    }

    /** The text of the first user message; multi-turn routing decides on the first turn. */
    public String firstUserText() {
        for (JsonNode message : messages()) {
            if ("user".equals(message.path("role").asText())) {
                return MessageContent.text(message.get("content"));
            }
        }
        return "";
    }

    /** Every message's text, joined; a cheap proxy for the prompt's size. */
    public String allText() {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : messages()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(MessageContent.text(message.get("content")));
        }
        return text.toString();
    }

    public ChatRequest withModel(String model) {
        ObjectNode copy = body.deepCopy();
        copy.put("model", model);
        return new ChatRequest(copy);
    }

    public ChatRequest withField(String field, JsonNode value) {
        ObjectNode copy = body.deepCopy();
        copy.set(field, value);
        return new ChatRequest(copy);
    }

    public ChatRequest without(String... fields) {
        ObjectNode copy = body.deepCopy();
        copy.remove(List.of(fields));
        return new ChatRequest(copy);
    }
}
