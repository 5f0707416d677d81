package dev.tiergate.pipeline;

import dev.tiergate.gate.ConfiguredGate;
import dev.tiergate.gate.Gate;
import dev.tiergate.router.RoutingDecision;
import java.util.List;

/**
 * How one route guards its answers: which gates judge each tier's answers, how many times it may climb, what it
 * does when even the last allowed tier fails, and the confidence-blend band.
 *
 * @param maxEscalations how many tiers above the first attempt's the route may climb (capped by the ladder)
 * @param band           half-width of the score band around the router's threshold in which the cheapest tier is
 *                       tried first and its gates (a confidence gate among them) decide; 0 = off
 */
public record EscalationPolicy(List<ConfiguredGate> gates, int maxEscalations, OnFailure onFailure, double band) {

    public enum OnFailure {
        /** Answer with the best rejected attempt, marked {@code x-tiergate-gate: failed} plus the reasons. */
        BEST_EFFORT,
        /** HTTP 422 in OpenAI's error shape, listing every gate failure. */
        FAIL
    }

    public EscalationPolicy {
        gates = List.copyOf(gates);
        if (maxEscalations < 0) {
            throw new IllegalArgumentException("max_escalations cannot be negative");
        }
    }

    /** The gates that judge answers of this tier, in config order. */
    public List<Gate> gatesFor(String tierName) {
        return gates.stream().filter(g -> g.appliesTo(tierName)).map(ConfiguredGate::gate).toList();
    }

    /** True when the router was unsure: its score lies within the band around its threshold. */
    public boolean inBand(RoutingDecision decision) {
        return band > 0 && !Double.isNaN(decision.score()) && !Double.isNaN(decision.threshold())
                && Math.abs(decision.score() - decision.threshold()) <= band;
    }
}
