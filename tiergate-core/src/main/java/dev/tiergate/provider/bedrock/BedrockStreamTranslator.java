package dev.tiergate.provider.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import dev.tiergate.provider.support.ChatCompletions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlockStart;

/**
 * Turns ConverseStream events into OpenAI chunks: {@code messageStart} opens with the assistant role, text and
 * tool-input deltas become content and tool-call deltas, {@code messageStop} carries the finish reason and the
 * trailing {@code metadata} event becomes the usage-only chunk. Stateful; one instance per stream.
 */
final class BedrockStreamTranslator {
    private final String id = ChatCompletions.newId();
    private final long created = ChatCompletions.nowSeconds();
    private final String model;
    /** Converse content-block index to OpenAI tool-call index (tool calls are numbered in order of appearance). */
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private boolean finished;

    BedrockStreamTranslator(String model) {
        this.model = model;
    }

    /** Whether {@code messageStop} was seen: a stream that ends before it was cut off. */
    boolean finished() {
        return finished;
    }

    List<ObjectNode> translate(ConverseStreamOutput event) {
        List<ObjectNode> chunks = new ArrayList<>();
        switch (event) {
            case MessageStartEvent start -> chunks.add(delta(Json.object().put("role", "assistant").put("content", "")));
            case ContentBlockStartEvent start when start.start() != null && start.start().toolUse() != null -> {
                ToolUseBlockStart tool = start.start().toolUse();
                ObjectNode call = Json.object().put("index", toolIndex(start.contentBlockIndex()))
                        .put("id", tool.toolUseId()).put("type", "function");
                call.putObject("function").put("name", tool.name()).put("arguments", "");
                chunks.add(toolDelta(call));
            }
            case ContentBlockDeltaEvent delta when delta.delta() != null -> blockDelta(delta.contentBlockIndex(), delta.delta(), chunks);
            case MessageStopEvent stop -> {
                finished = true;
                chunks.add(ChatCompletions.chunk(id, created, model, Json.object(),
                        BedrockResponses.finishReason(stop.stopReasonAsString())));
            }
            case ConverseStreamMetadataEvent metadata when metadata.usage() != null -> {
                Usage usage = BedrockResponses.usage(metadata.usage());
                chunks.add(ChatCompletions.usageChunk(id, created, model, usage));
            }
            default -> {
                // contentBlockStop, reasoning and citation deltas carry nothing to relay
            }
        }
        return chunks;
    }

    private void blockDelta(Integer blockIndex, ContentBlockDelta delta, List<ObjectNode> chunks) {
        if (delta.text() != null && !delta.text().isEmpty()) {
            chunks.add(delta(Json.object().put("content", delta.text())));
        } else if (delta.toolUse() != null && delta.toolUse().input() != null && !delta.toolUse().input().isEmpty()) {
            ObjectNode call = Json.object().put("index", toolIndex(blockIndex));
            call.putObject("function").put("arguments", delta.toolUse().input());
            chunks.add(toolDelta(call));
        }
    }

    private int toolIndex(Integer blockIndex) {
        return toolIndexes.computeIfAbsent(blockIndex == null ? -1 : blockIndex, i -> toolIndexes.size());
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
