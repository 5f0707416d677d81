package dev.tiergate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.ConfigValue;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code confidence}: the mean (or minimum) log-probability of the answer's tokens must reach {@code threshold}
 * (a value ≤ 0; e.g. -0.3 ≈ a mean token probability of 0.74). The gate asks the upstream for logprobs itself.
 * Providers that do not return them (Anthropic, Bedrock) leave it nothing to judge: by default that fails
 * ({@code if_missing: fail}) so an unmeasured answer is not taken as a confident one; limit the gate with
 * {@code tiers:} to the tiers whose models report logprobs, or set {@code if_missing: pass}.
 */
public final class ConfidenceGate implements Gate {
    public static final String TYPE = "confidence";

    public enum Stat { MEAN, MIN }

    private final Stat stat;
    private final double threshold;
    private final boolean passIfMissing;

    public ConfidenceGate(Stat stat, double threshold, boolean passIfMissing) {
        if (!(threshold <= 0)) {
            throw new IllegalArgumentException("a log-probability threshold is at most 0");
        }
        this.stat = stat;
        this.threshold = threshold;
        this.passIfMissing = passIfMissing;
    }

    static ConfidenceGate read(ConfigValue options) {
        options.onlyKeys(Set.of("type", "tiers", "stat", "threshold", "if_missing"));
        String stat = options.get("stat").string("mean");
        if (!stat.equals("mean") && !stat.equals("min")) {
            throw options.get("stat").error("unknown stat '" + stat + "'", "use mean (the whole answer) or min (its least certain token)");
        }
        ConfigValue threshold = options.get("threshold");
        if (!threshold.present()) {
            throw threshold.error("is required: the lowest acceptable log-probability", "add threshold: -0.3 (a value <= 0)");
        }
        String missing = options.get("if_missing").string("fail");
        if (!missing.equals("fail") && !missing.equals("pass")) {
            throw options.get("if_missing").error("unknown if_missing '" + missing + "'", "use fail or pass");
        }
        return new ConfidenceGate(Stat.valueOf(stat.toUpperCase(Locale.ROOT)), threshold.number(0, -1000, 0), missing.equals("pass"));
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public GateResult check(GateInput input) {
        Optional<Double> measured = measure(input.response().logprobs());
        if (measured.isEmpty()) {
            String why = "the provider returned no token logprobs";
            return passIfMissing ? GateResult.pass(TYPE, why + " (if_missing: pass)") : GateResult.fail(TYPE, why + "; failing closed");
        }
        String what = (stat == Stat.MEAN ? "mean" : "min") + " token logprob " + String.format(Locale.ROOT, "%.3f", measured.get());
        return measured.get() >= threshold
                ? GateResult.pass(TYPE, what + " >= " + threshold)
                : GateResult.fail(TYPE, what + " < " + threshold);
    }

    private Optional<Double> measure(Optional<ArrayNode> logprobs) {
        if (logprobs.isEmpty()) {
            return Optional.empty();
        }
        double sum = 0;
        double min = 0;
        int n = 0;
        for (JsonNode token : logprobs.get()) {
            JsonNode value = token.get("logprob");
            if (value != null && value.isNumber()) {
                double lp = value.doubleValue();
                sum += lp;
                min = n == 0 ? lp : Math.min(min, lp);
                n++;
            }
        }
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(stat == Stat.MEAN ? sum / n : min);
    }

    /** Asks for logprobs; the escalation stage removes them again from answers to clients that did not. */
    @Override
    public ChatRequest prepare(ChatRequest request, boolean canEscalate) {
        return request.body().path("logprobs").asBoolean(false) ? request : request.withField("logprobs", BooleanNode.TRUE);
    }
}
