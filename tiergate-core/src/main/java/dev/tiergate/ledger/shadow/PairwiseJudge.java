package dev.tiergate.ledger.shadow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.dispatch.DispatchFailedException;
import dev.tiergate.dispatch.DispatchResult;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Asks the judge model which of two answers is better; the prompt lives in {@code shadow-judge.txt}. */
public final class PairwiseJudge {
    private static final int MAX_CHARS = 12_000;

    private final ShadowCaller caller;
    private final ModelEndpoint judge;
    private final Tier judgeTier;
    private final String template;

    public PairwiseJudge(ShadowCaller caller, ModelEndpoint judge, int tierIndex) {
        this.caller = caller;
        this.judge = judge;
        this.judgeTier = new Tier(tierIndex, "judge", List.of(judge), Tier.Balance.FAILOVER);
        this.template = template();
    }

    public ModelEndpoint model() {
        return judge;
    }

    /** A verdict and what asking for it cost. */
    public record Call(Verdict verdict, double costUsd) {}

    /** @throws JudgeException when the judge cannot be reached or its reply is not a verdict (the sample is discarded) */
    public Call judge(String request, String answerA, String answerB, Duration budget) throws JudgeException {
        String prompt = template.replace("{{request}}", clip(request))
                .replace("{{answer_a}}", clip(answerA))
                .replace("{{answer_b}}", clip(answerB));
        ObjectNode body = Json.object();
        body.put("model", judge.name());
        body.put("temperature", 0);
        body.put("max_tokens", 8);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "user").put("content", prompt);
        DispatchResult result;
        try {
            result = caller.call(new ChatRequest(body), judgeTier, budget);
        } catch (DispatchFailedException e) {
            throw new JudgeException("judge " + judge.name() + " failed: " + e.getMessage(), 0);
        }
        double cost = result.attempts().stream().mapToDouble(a -> a.costUsd()).sum();
        String reply = result.response().text();
        return Verdict.parse(reply).map(v -> new Call(v, cost))
                .orElseThrow(() -> new JudgeException("judge " + judge.name() + " gave no verdict", cost));
    }

    /** The sample is unusable; {@code costUsd} was spent anyway. */
    public static final class JudgeException extends Exception {
        private final double costUsd;

        JudgeException(String message, double costUsd) {
            super(message);
            this.costUsd = costUsd;
        }

        public double costUsd() {
            return costUsd;
        }
    }

    private static String clip(String text) {
        String t = text == null ? "" : text;
        return t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS) + "\n[... truncated]";
    }

    private static String template() {
        try (InputStream in = PairwiseJudge.class.getResourceAsStream("/dev/tiergate/ledger/shadow-judge.txt")) {
            if (in == null) {
                throw new IllegalStateException("shadow-judge.txt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
