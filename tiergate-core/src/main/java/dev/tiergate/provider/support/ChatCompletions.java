package dev.tiergate.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import java.time.Instant;
import java.util.UUID;

/**
 * Builders and readers for OpenAI's {@code chat.completion} and {@code chat.completion.chunk} objects: the shape
 * every provider translates into, so they all produce exactly the same fields.
 */
public final class ChatCompletions {
    private ChatCompletions() {}

    public static String newId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }

    public static long nowSeconds() {
        return Instant.now().getEpochSecond();
    }

    /** An assistant message; {@code content} is null when the model only called tools, as OpenAI reports it. */
    public static ObjectNode assistantMessage(String text, ArrayNode toolCalls) {
        ObjectNode message = Json.object().put("role", "assistant");
        boolean hasTools = toolCalls != null && !toolCalls.isEmpty();
        if (text.isEmpty() && hasTools) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (hasTools) {
            message.set("tool_calls", toolCalls);
        }
        return message;
    }

    public static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = Json.object().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    public static ObjectNode completion(String id, long created, String model, ObjectNode message, String finishReason,
            Usage usage) {
        ObjectNode body = Json.object()
                .put("id", id)
                .put("object", "chat.completion")
                .put("created", created)
                .put("model", model);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        body.set("usage", usageJson(usage));
        return body;
    }

    /** One streamed delta of choice 0; {@code finishReason} null for every chunk but the last. */
    public static ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = chunkHeader(id, created, model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    /** The trailing usage chunk OpenAI sends with {@code stream_options.include_usage}: no choices, only usage. */
    public static ObjectNode usageChunk(String id, long created, String model, Usage usage) {
        ObjectNode chunk = chunkHeader(id, created, model);
        chunk.putArray("choices");
        chunk.set("usage", usageJson(usage));
        return chunk;
    }

    private static ObjectNode chunkHeader(String id, long created, String model) {
        return Json.object()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
    }

    public static ObjectNode usageJson(Usage usage) {
        ObjectNode json = Json.object()
                .put("prompt_tokens", usage.inputTokens())
                .put("completion_tokens", usage.outputTokens())
                .put("total_tokens", usage.totalTokens());
        json.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        return json;
    }

    /** Reads OpenAI usage; absent or malformed counts read as zero rather than failing an otherwise good answer. */
    public static Usage readUsage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.NONE;
        }
        long prompt = Math.max(0, usage.path("prompt_tokens").asLong(0));
        long cached = Math.max(0, usage.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        long completion = Math.max(0, usage.path("completion_tokens").asLong(0));
        return new Usage(prompt, Math.min(cached, prompt), completion);
    }

    /**
     * Fills in the usage fields callers rely on (total and cached tokens) without dropping any extra detail the
     * upstream reported, such as reasoning tokens.
     */
    public static void completeUsage(ObjectNode body, Usage usage) {
        JsonNode existing = body.get("usage");
        ObjectNode json = existing instanceof ObjectNode object ? object : body.putObject("usage");
        json.put("prompt_tokens", usage.inputTokens());
        json.put("completion_tokens", usage.outputTokens());
        if (!json.has("total_tokens")) {
            json.put("total_tokens", usage.totalTokens());
        }
        JsonNode details = json.get("prompt_tokens_details");
        ObjectNode detailsObject = details instanceof ObjectNode object ? object : json.putObject("prompt_tokens_details");
        detailsObject.put("cached_tokens", usage.cachedInputTokens());
    }
}
