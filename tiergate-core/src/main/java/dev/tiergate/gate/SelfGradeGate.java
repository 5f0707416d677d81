package dev.tiergate.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.config.ConfigValue;
import dev.tiergate.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code self_grade}: a cheap judge model from {@code models:} scores the answer against the request on a 1–5
 * rubric (bundled {@code self-grade-rubric.txt}, or {@code rubric: FILE}); the answer passes at {@code pass_mark}
 * or above. The judge is paid for and adds its latency to every gated attempt, so it runs after the cheap gates
 * and only when they passed. A judge that times out, fails or answers in any other shape fails the gate: an
 * ungraded answer must not pass as a good one.
 */
public final class SelfGradeGate implements Gate {
    public static final String TYPE = "self_grade";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    /** "SCORE: 4", "score = 4", "Score 4"; a trailing digit or decimal point ("4.5", "45") is not a score. */
    private static final Pattern SCORE = Pattern.compile("(?i)\\bscore\\s*[:=]?\\s*\\**\\s*([1-5])(?![0-9.])");
    private static final Pattern BARE = Pattern.compile("\\s*([1-5])\\s*");

    private final String judgeModel;
    private final int passMark;
    private final Duration timeout;
    private final String rubric;

    public SelfGradeGate(String judgeModel, int passMark, Duration timeout, String rubric) {
        if (passMark < 1 || passMark > 5) {
            throw new IllegalArgumentException("pass_mark must be between 1 and 5");
        }
        this.judgeModel = judgeModel;
        this.passMark = passMark;
        this.timeout = timeout;
        this.rubric = rubric;
    }

    public static String bundledRubric() {
        return GateResources.text("self-grade-rubric.txt");
    }

    /** @param models the names defined under {@code models:}; the judge must be one of them */
    static SelfGradeGate read(ConfigValue options, Set<String> models) {
        options.onlyKeys(Set.of("type", "tiers", "model", "pass_mark", "timeout", "rubric"));
        ConfigValue model = options.get("model");
        String judge = model.requiredString();
        if (!models.contains(judge)) {
            throw model.error("no model named '" + judge + "'", "use one of " + models.stream().sorted().toList() + " (a cheap one: it grades every gated answer)");
        }
        ConfigValue rubricFile = options.get("rubric");
        String rubric = bundledRubric();
        if (rubricFile.present()) {
            try {
                rubric = Files.readString(Path.of(rubricFile.requiredString()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw rubricFile.error("cannot read the rubric: " + e.getMessage(), "point rubric: at a readable text file, or remove it to use the bundled rubric");
            }
        }
        return new SelfGradeGate(judge, options.get("pass_mark").integer(4, 1, 5), options.get("timeout").duration(DEFAULT_TIMEOUT), rubric);
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public boolean expensive() {
        return true;
    }

    @Override
    public GateResult check(GateInput input) {
        ChatResponse verdict;
        try {
            verdict = input.models().call(judgeModel, judgeRequest(input), timeout);
        } catch (ModelCallException e) {
            return GateResult.fail(TYPE, e.timedOut()
                    ? "the judge " + judgeModel + " timed out after " + timeout.toMillis() + "ms; failing closed"
                    : "the judge " + judgeModel + " failed: " + e.getMessage() + "; failing closed");
        }
        String output = verdict.text();
        Integer score = score(output);
        if (score == null) {
            String shown = output.strip().replaceAll("\\s+", " ");
            return GateResult.fail(TYPE, "malformed judge output '" + (shown.length() > 80 ? shown.substring(0, 77) + "..." : shown)
                    + "' (expected SCORE: 1-5); failing closed");
        }
        return score >= passMark
                ? GateResult.pass(TYPE, "judge scored " + score + "/5 (pass mark " + passMark + ")")
                : GateResult.fail(TYPE, "judge scored " + score + "/5, below the pass mark " + passMark);
    }

    /** The score in the judge's reply, or null when there is none. */
    static Integer score(String output) {
        Matcher bare = BARE.matcher(output);
        if (bare.matches()) {
            return Integer.parseInt(bare.group(1));
        }
        Matcher m = SCORE.matcher(output);
        return m.find() ? Integer.parseInt(m.group(1)) : null;
    }

    private ChatRequest judgeRequest(GateInput input) {
        String question = input.request().lastUserText();
        if (question.isBlank()) {
            question = input.request().allText();
        }
        String answer = input.response().text();
        if (answer.isBlank() && input.response().toolCalls().isPresent()) {
            answer = "(tool calls) " + Json.text(input.response().toolCalls().get());
        }
        ObjectNode body = Json.object();
        body.put("model", judgeModel);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", rubric);
        messages.addObject().put("role", "user").put("content",
                "Request:\n<<<\n" + question + "\n>>>\n\nAnswer:\n<<<\n" + answer + "\n>>>\n\nGrade the answer. Reply with SCORE: <1-5>.");
        return new ChatRequest(body);
    }
}
