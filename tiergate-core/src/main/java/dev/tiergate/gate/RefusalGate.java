package dev.tiergate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.config.ConfigValue;
import dev.tiergate.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code refusal}: catches refusals and abstentions: OpenAI's {@code message.refusal}, a content-filter stop, an
 * empty answer, a refusal phrase near the start, or the configured {@code sentinel}. With {@code instruct: true}
 * the gateway itself tells the model (a system message) to answer with the sentinel when unsure, on every attempt
 * that can still escalate: an honest "don't know" from the cheap tier is the cheapest possible escalation signal.
 */
public final class RefusalGate implements Gate {
    public static final String TYPE = "refusal";
    /** Refusals come first; further in, the same words are usually part of a real answer. */
    private static final int OPENING_CHARS = 300;

    private final List<String> phrases;
    private final String sentinel;
    private final boolean instruct;

    public RefusalGate(List<String> phrases, String sentinel, boolean instruct) {
        if (instruct && (sentinel == null || sentinel.isBlank())) {
            throw new IllegalArgumentException("instruct needs a sentinel");
        }
        this.phrases = phrases.stream().map(RefusalGate::normalise).toList();
        this.sentinel = sentinel == null || sentinel.isBlank() ? null : sentinel.strip();
        this.instruct = instruct;
    }

    /** The bundled phrase list plus any extra phrases. */
    public static List<String> bundledPhrases() {
        return GateResources.lines("refusal-phrases.txt");
    }

    static RefusalGate read(ConfigValue options) {
        options.onlyKeys(Set.of("type", "tiers", "sentinel", "instruct", "phrases"));
        String sentinel = options.get("sentinel").string(null);
        boolean instruct = options.get("instruct").bool(false);
        if (instruct && (sentinel == null || sentinel.isBlank())) {
            throw options.get("instruct").error("instruct needs a sentinel to tell the model about", "add sentinel: UNSURE");
        }
        List<String> phrases = new ArrayList<>(bundledPhrases());
        phrases.addAll(options.get("phrases").strings());
        return new RefusalGate(phrases, sentinel, instruct);
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public GateResult check(GateInput input) {
        ChatResponse response = input.response();
        JsonNode refusal = response.body().path("choices").path(0).path("message").get("refusal");
        if (refusal != null && refusal.isTextual() && !refusal.asText().isBlank()) {
            return GateResult.fail(TYPE, "the model refused: " + abbreviate(refusal.asText()));
        }
        if ("content_filter".equals(response.finishReason())) {
            return GateResult.fail(TYPE, "the answer was stopped by a content filter");
        }
        String text = response.text().strip();
        if (text.isEmpty() && response.toolCalls().isEmpty()) {
            return GateResult.fail(TYPE, "the answer is empty");
        }
        if (sentinel != null && text.contains(sentinel)) {
            return GateResult.fail(TYPE, "the model answered with the unsure sentinel '" + sentinel + "'");
        }
        String opening = normalise(text.length() > OPENING_CHARS ? text.substring(0, OPENING_CHARS) : text);
        for (String phrase : phrases) {
            if (opening.contains(phrase)) {
                return GateResult.fail(TYPE, "looks like a refusal or abstention: '" + phrase + "'");
            }
        }
        return GateResult.pass(TYPE, "no refusal found");
    }

    @Override
    public ChatRequest prepare(ChatRequest request, boolean canEscalate) {
        if (!instruct || !canEscalate) {
            return request;
        }
        ArrayNode messages = Json.array();
        ObjectNode instruction = messages.addObject();
        instruction.put("role", "system");
        instruction.put("content", "If you are not confident that you can answer correctly and completely, reply with exactly "
                + sentinel + " and nothing else.");
        request.messages().forEach(message -> messages.add(message.deepCopy()));
        return request.withField("messages", messages);
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    }

    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
