package dev.tiergate.ledger;

import dev.tiergate.dispatch.Attempt;
import java.util.List;

/** Finds the gate verdicts of an attempt, in the ledger's own shape (so the stored column does not follow code changes). */
@FunctionalInterface
public interface GateReader {
    GateReader NONE = attempt -> List.of();

    /** The verdicts the quality gates attached to the attempt. */
    GateReader FROM_ATTEMPT = attempt -> attempt.gates().stream()
            .map(g -> new GateOutcome(g.gate(), g.passed(), g.reason()))
            .toList();

    List<GateOutcome> gates(Attempt attempt);
}
