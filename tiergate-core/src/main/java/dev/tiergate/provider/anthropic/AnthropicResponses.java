package dev.tiergate.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import dev.tiergate.provider.support.ChatCompletions;

/** Anthropic Messages answers, stop reasons, usage and error types, read into their OpenAI equivalents. */
final class AnthropicResponses {
    private AnthropicResponses() {}

    static ChatResponse completion(JsonNode message, boolean jsonViaTool) {
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = Json.array();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> {
                    String input = Json.text(block.path("input").isObject() ? block.get("input") : Json.object());
                    if (jsonViaTool && AnthropicRequestTranslator.JSON_TOOL.equals(block.path("name").asText())) {
                        text.append(input);
                    } else {
                        toolCalls.add(ChatCompletions.toolCall(block.path("id").asText(), block.path("name").asText(), input));
                    }
                }
                default -> {
                    // thinking and server-tool blocks have no place in a chat.completion message
                }
            }
        }
        Usage usage = usage(message.path("usage"), Usage.NONE);
        ObjectNode body = ChatCompletions.completion(
                message.path("id").asText(ChatCompletions.newId()),
                ChatCompletions.nowSeconds(),
                message.path("model").asText(""),
                ChatCompletions.assistantMessage(text.toString(), toolCalls),
                finishReason(message.path("stop_reason").asText(null), jsonViaTool),
                usage);
        return new ChatResponse(body, usage);
    }

    static String finishReason(String stopReason, boolean jsonViaTool) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            // the structured-output tool is how the answer arrives, not a call the client has to make
            case "tool_use" -> jsonViaTool ? "stop" : "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /**
     * Anthropic counts cache reads and cache writes apart from {@code input_tokens}; OpenAI's prompt tokens include
     * them. Fields missing from {@code usage} keep their value from {@code previous}: streamed
     * {@code message_delta} events only repeat the counts that changed.
     */
    static Usage usage(JsonNode usage, Usage previous) {
        long cacheRead = usage.path("cache_read_input_tokens").asLong(previous.cachedInputTokens());
        long uncachedPrevious = previous.inputTokens() - previous.cachedInputTokens();
        long uncached = usage.has("input_tokens") || usage.has("cache_creation_input_tokens")
                ? usage.path("input_tokens").asLong(0) + usage.path("cache_creation_input_tokens").asLong(0)
                : uncachedPrevious;
        long output = usage.path("output_tokens").asLong(previous.outputTokens());
        return new Usage(Math.max(0, uncached) + Math.max(0, cacheRead), Math.max(0, cacheRead), Math.max(0, output));
    }

    /** The HTTP status Anthropic uses for each error type, for errors that arrive inside a stream. */
    static int statusOf(String errorType) {
        return switch (errorType) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }
}
