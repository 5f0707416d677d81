package dev.tiergate.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.http.ErrorMessages;
import dev.tiergate.provider.support.ChatCompletions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Anthropic stream events into OpenAI chunks, one event at a time: {@code message_start} opens with the
 * assistant role, text and tool-input deltas become content and tool-call deltas (tool calls numbered in order of
 * appearance, as OpenAI does), {@code message_delta} carries the finish reason, and {@code message_stop} ends with
 * a usage-only chunk. Stateful; one instance per stream.
 */
final class AnthropicStreamTranslator {
    /** Where the deltas of one Anthropic content block go. */
    private sealed interface Block {}

    private record TextBlock() implements Block {}

    private record ToolBlock(int toolIndex) implements Block {}

    /** Blocks the client never sees: thinking, server tools. */
    private record IgnoredBlock() implements Block {}

    private final boolean jsonViaTool;
    private final String endpointName;
    private final Map<Integer, Block> blocks = new HashMap<>();
    private String id = ChatCompletions.newId();
    private String model = "";
    private final long created = ChatCompletions.nowSeconds();
    private int toolCount;
    private Usage usage = Usage.NONE;
    private boolean finished;

    AnthropicStreamTranslator(boolean jsonViaTool, String endpointName) {
        this.jsonViaTool = jsonViaTool;
        this.endpointName = endpointName;
    }

    /** Whether {@code message_stop} was seen: the only clean end of an Anthropic stream. */
    boolean finished() {
        return finished;
    }

    List<ObjectNode> translate(JsonNode event) throws ProviderException {
        List<ObjectNode> chunks = new ArrayList<>();
        switch (event.path("type").asText()) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = message.path("id").asText(id);
                model = message.path("model").asText(model);
                usage = AnthropicResponses.usage(message.path("usage"), usage);
                chunks.add(delta(Json.object().put("role", "assistant").put("content", "")));
            }
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"), chunks);
            case "content_block_delta" -> blockDelta(blocks.get(event.path("index").asInt()), event.path("delta"), chunks);
            case "message_delta" -> {
                usage = AnthropicResponses.usage(event.path("usage"), usage);
                String stopReason = event.path("delta").path("stop_reason").asText(null);
                chunks.add(ChatCompletions.chunk(id, created, model, Json.object(),
                        AnthropicResponses.finishReason(stopReason, jsonViaTool)));
            }
            case "message_stop" -> {
                finished = true;
                chunks.add(ChatCompletions.usageChunk(id, created, model, usage));
            }
            case "error" -> {
                JsonNode error = event.path("error");
                String message = ErrorMessages.redact(error.path("message").asText(error.path("type").asText()));
                throw ProviderException.http(AnthropicResponses.statusOf(error.path("type").asText()),
                        endpointName + ": error in stream: " + message, null);
            }
            default -> {
                // ping, content_block_stop and event types added after this was written carry nothing to relay
            }
        }
        return chunks;
    }

    private void blockStart(int index, JsonNode block, List<ObjectNode> chunks) {
        switch (block.path("type").asText()) {
            case "text" -> {
                blocks.put(index, new TextBlock());
                String text = block.path("text").asText("");
                if (!text.isEmpty()) {
                    chunks.add(delta(Json.object().put("content", text)));
                }
            }
            case "tool_use" -> {
                if (jsonViaTool && AnthropicRequestTranslator.JSON_TOOL.equals(block.path("name").asText())) {
                    // the structured answer streams as text content
                    blocks.put(index, new TextBlock());
                    return;
                }
                int toolIndex = toolCount++;
                blocks.put(index, new ToolBlock(toolIndex));
                ObjectNode call = Json.object().put("index", toolIndex).put("id", block.path("id").asText())
                        .put("type", "function");
                call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
                chunks.add(toolDelta(call));
            }
            default -> blocks.put(index, new IgnoredBlock());
        }
    }

    private void blockDelta(Block block, JsonNode delta, List<ObjectNode> chunks) {
        String fragment = switch (delta.path("type").asText()) {
            case "text_delta" -> delta.path("text").asText("");
            case "input_json_delta" -> delta.path("partial_json").asText("");
            default -> "";
        };
        if (fragment.isEmpty() || block == null) {
            return;
        }
        switch (block) {
            case TextBlock text -> chunks.add(delta(Json.object().put("content", fragment)));
            case ToolBlock tool -> {
                ObjectNode call = Json.object().put("index", tool.toolIndex());
                call.putObject("function").put("arguments", fragment);
                chunks.add(toolDelta(call));
            }
            case IgnoredBlock ignored -> { }
        }
    }

    private ObjectNode delta(ObjectNode delta) {
        return ChatCompletions.chunk(id, created, model, delta, null);
    }

    private ObjectNode toolDelta(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta(delta);
    }
}
