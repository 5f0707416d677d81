package dev.tiergate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;

/**
 * Removes token logprobs that a confidence gate asked the upstream for but the client did not, so a gated route
 * answers exactly what an ungated one would.
 */
final class AnswerLogprobs {
    private AnswerLogprobs() {}

    static boolean clientAsked(ChatRequest request) {
        return request.body().path("logprobs").asBoolean(false);
    }

    static ChatResponse strip(ChatResponse response) {
        ObjectNode body = response.body().deepCopy();
        strip(body);
        return new ChatResponse(body, response.usage());
    }

    /** Works on a {@code chat.completion} and on a {@code chat.completion.chunk} alike; changes the node given. */
    static ObjectNode strip(ObjectNode node) {
        for (JsonNode choice : node.path("choices")) {
            if (choice instanceof ObjectNode object && object.has("logprobs")) {
                object.putNull("logprobs");
            }
        }
        return node;
    }
}
