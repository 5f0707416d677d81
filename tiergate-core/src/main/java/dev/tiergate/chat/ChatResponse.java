package dev.tiergate.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A complete answer in OpenAI's {@code chat.completion} shape, whatever provider produced it, with the usage
 * already read out so that cost accounting never has to re-parse provider formats.
 */
public record ChatResponse(ObjectNode body, Usage usage) {

    public String model() {
        return body.path("model").asText("");
    }

    private JsonNode firstMessage() {
        return body.path("choices").path(0).path("message");
    }

    /** The first choice's text content ("" when the model only called tools). */
    public String text() {
        return MessageContent.text(firstMessage().get("content"));
    }

    public Optional<ArrayNode> toolCalls() {
        JsonNode calls = firstMessage().get("tool_calls");
        return calls instanceof ArrayNode array && !array.isEmpty() ? Optional.of(array) : Optional.empty();
    }

    public String finishReason() {
        return body.path("choices").path(0).path("finish_reason").asText("");
    }

    /** Token log-probabilities of the first choice, where the provider returned them. */
    public Optional<ArrayNode> logprobs() {
        JsonNode content = body.path("choices").path(0).path("logprobs").get("content");
        return content instanceof ArrayNode array && !array.isEmpty() ? Optional.of(array) : Optional.empty();
    }
}
