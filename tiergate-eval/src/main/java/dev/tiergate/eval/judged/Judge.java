package dev.tiergate.eval.judged;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.json.Json;
import dev.tiergate.provider.CallContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores a routed answer 1–5 against the prompt and the baseline's answer, with the fixed rubric of
 * {@code judge-prompt.txt}. The request sets neither temperature nor a token limit, like the {@code self_grade} gate:
 * reasoning models (gpt-5, o-series) reject temperature 0 and spend a token limit on hidden reasoning, which would
 * turn every verdict into an exclusion. The rubric asks for a short reply instead, and since finished rows are
 * checkpointed, a score is never drawn twice.
 */
final class Judge {
    static final String PROMPT_RESOURCE = "/dev/tiergate/eval/judge-prompt.txt";
    /** Long enough for real answers, short enough that one huge answer cannot blow the judge's context or the budget. */
    private static final int MAX_CHARS = 12_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(prompt|baseline|candidate)}}");

    private final DirectModel model;
    private final String template;

    Judge(DirectModel model) {
        this.model = model;
        this.template = template();
    }

    String name() {
        return model.model().name();
    }

    JudgeVerdict score(String prompt, String baseline, String candidate, CallContext context) {
        String text = fill(Map.of("prompt", clip(prompt), "baseline", clip(baseline), "candidate", clip(candidate)));
        ObjectNode body = Json.object().put("model", name());
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        PassResult reply = model.call(new ChatRequest(body), context);
        if (!reply.answered()) {
            return new JudgeVerdict(name(), null, null, reply.error(), reply.calls());
        }
        OptionalInt score = ScoreParser.parse(reply.text());
        return score.isPresent()
                ? new JudgeVerdict(name(), score.getAsInt(), reply.text(), null, reply.calls())
                : new JudgeVerdict(name(), null, reply.text(), "the reply does not end with a line \"SCORE: n\" (n = 1..5)", reply.calls());
    }

    /** One pass over the template, so a placeholder written inside an answer is never expanded. */
    private String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    private static String clip(String text) {
        String t = text == null ? "" : text;
        return t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS) + "\n[... truncated for the judge]";
    }

    private static String template() {
        try (InputStream in = Judge.class.getResourceAsStream(PROMPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PROMPT_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
