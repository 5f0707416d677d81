package dev.tiergate.provider.bedrock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import dev.tiergate.provider.support.ChatCompletions;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/** Converse answers, stop reasons and token usage, read into their OpenAI equivalents. */
final class BedrockResponses {
    private BedrockResponses() {}

    static ChatResponse completion(ConverseResponse response, String model) {
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = Json.array();
        if (response.output() != null && response.output().message() != null) {
            for (ContentBlock block : response.output().message().content()) {
                if (block.text() != null) {
                    text.append(block.text());
                } else if (block.toolUse() != null) {
                    toolCalls.add(ChatCompletions.toolCall(block.toolUse().toolUseId(), block.toolUse().name(),
                            Json.text(Documents.toJson(block.toolUse().input()))));
                }
            }
        }
        Usage usage = usage(response.usage());
        String requestId = response.responseMetadata() == null ? null : response.responseMetadata().requestId();
        String id = requestId == null || requestId.isEmpty() || requestId.equals("UNKNOWN")
                ? ChatCompletions.newId() : "chatcmpl-" + requestId;
        ObjectNode body = ChatCompletions.completion(id, ChatCompletions.nowSeconds(), model,
                ChatCompletions.assistantMessage(text.toString(), toolCalls),
                finishReason(response.stopReasonAsString()), usage);
        return new ChatResponse(body, usage);
    }

    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "guardrail_intervened", "content_filtered" -> "content_filter";
            default -> "stop";
        };
    }

    /** Converse counts cache reads and writes apart from {@code inputTokens}; OpenAI's prompt tokens include them. */
    static Usage usage(TokenUsage usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        long cacheRead = orZero(usage.cacheReadInputTokens());
        long prompt = orZero(usage.inputTokens()) + cacheRead + orZero(usage.cacheWriteInputTokens());
        return new Usage(prompt, cacheRead, orZero(usage.outputTokens()));
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : Math.max(0, value);
    }
}
