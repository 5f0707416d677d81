package dev.tiergate.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds the complete {@code chat.completion} from the OpenAI chunks of a stream, so that a streamed answer is
 * recorded, priced and evaluated exactly like a non-streamed one. Every provider feeds it the chunks it sends to
 * the client, which guarantees that what is recorded is what the client saw.
 */
public final class StreamAssembler {
    private String id = "";
    private long created;
    private String model = "";
    private String systemFingerprint;
    private JsonNode usage;
    private final Map<Integer, ChoiceState> choices = new TreeMap<>();

    public void accept(JsonNode chunk) {
        if (id.isEmpty() && chunk.hasNonNull("id")) {
            id = chunk.get("id").asText();
        }
        if (created == 0 && chunk.has("created")) {
            created = chunk.get("created").asLong();
        }
        if (chunk.hasNonNull("model") && !chunk.get("model").asText().isEmpty()) {
            model = chunk.get("model").asText();
        }
        if (chunk.hasNonNull("system_fingerprint")) {
            systemFingerprint = chunk.get("system_fingerprint").asText();
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
        for (JsonNode choice : chunk.path("choices")) {
            choices.computeIfAbsent(choice.path("index").asInt(0), i -> new ChoiceState()).accept(choice);
        }
    }

    public Usage usage() {
        return ChatCompletions.readUsage(usage);
    }

    public ChatResponse response() {
        Usage total = usage();
        ObjectNode body = Json.object()
                .put("id", id.isEmpty() ? ChatCompletions.newId() : id)
                .put("object", "chat.completion")
                .put("created", created == 0 ? ChatCompletions.nowSeconds() : created)
                .put("model", model);
        if (systemFingerprint != null) {
            body.put("system_fingerprint", systemFingerprint);
        }
        ArrayNode choiceArray = body.putArray("choices");
        if (choices.isEmpty()) {
            choices.put(0, new ChoiceState());
        }
        choices.forEach((index, state) -> choiceArray.add(state.toJson(index)));
        if (usage instanceof ObjectNode upstreamUsage) {
            body.set("usage", upstreamUsage.deepCopy());
        }
        ChatCompletions.completeUsage(body, total);
        return new ChatResponse(body, total);
    }

    /** What one choice has accumulated so far. */
    private static final class ChoiceState {
        private final StringBuilder content = new StringBuilder();
        private final StringBuilder refusal = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();
        private final Map<Integer, ToolCallState> toolCalls = new TreeMap<>();
        private final ArrayNode logprobs = Json.array();
        private String finishReason;

        void accept(JsonNode choice) {
            JsonNode delta = choice.path("delta");
            appendText(content, delta.get("content"));
            appendText(refusal, delta.get("refusal"));
            appendText(reasoning, delta.get("reasoning_content"));
            int position = 0;
            for (JsonNode call : delta.path("tool_calls")) {
                // servers that omit the index send one call per chunk in order; position is the best guess then
                int index = call.path("index").asInt(position++);
                toolCalls.computeIfAbsent(index, i -> new ToolCallState()).accept(call);
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asText();
            }
            choice.path("logprobs").path("content").forEach(logprobs::add);
        }

        private static void appendText(StringBuilder target, JsonNode value) {
            if (value != null && value.isTextual()) {
                target.append(value.asText());
            }
        }

        ObjectNode toJson(int index) {
            ArrayNode calls = Json.array();
            toolCalls.values().forEach(call -> calls.add(call.toJson()));
            ObjectNode message = ChatCompletions.assistantMessage(content.toString(), calls);
            if (!refusal.isEmpty()) {
                message.put("refusal", refusal.toString());
            }
            if (!reasoning.isEmpty()) {
                message.put("reasoning_content", reasoning.toString());
            }
            ObjectNode choice = Json.object().put("index", index);
            choice.set("message", message);
            if (logprobs.isEmpty()) {
                choice.putNull("logprobs");
            } else {
                choice.putObject("logprobs").set("content", logprobs);
            }
            String reason = finishReason != null ? finishReason : calls.isEmpty() ? "stop" : "tool_calls";
            choice.put("finish_reason", reason);
            return choice;
        }
    }

    /** One tool call: the id and name arrive once, the arguments in fragments. */
    private static final class ToolCallState {
        private String id = "";
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();

        void accept(JsonNode call) {
            if (call.hasNonNull("id") && !call.get("id").asText().isEmpty()) {
                id = call.get("id").asText();
            }
            JsonNode function = call.path("function");
            if (function.hasNonNull("name") && !function.get("name").asText().isEmpty()) {
                name = function.get("name").asText();
            }
            if (function.path("arguments").isTextual()) {
                arguments.append(function.get("arguments").asText());
            }
        }

        ObjectNode toJson() {
            return ChatCompletions.toolCall(id, name, arguments.toString());
        }
    }
}
