package dev.tiergate.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a set of gates on one answer: the cheap ones in config order, then the expensive ones (judges) only while
 * everything before them passed, since a rejected answer needs no paid second opinion. A gate that throws fails closed.
 */
public final class GateEvaluator {
    private GateEvaluator() {}

    public static List<GateResult> evaluate(List<Gate> gates, GateInput input) {
        List<GateResult> results = new ArrayList<>();
        gates.stream().filter(g -> !g.expensive()).forEach(g -> results.add(safely(g, input)));
        for (Gate gate : gates) {
            if (gate.expensive() && allPassed(results)) {
                results.add(safely(gate, input));
            }
        }
        return results;
    }

    public static boolean allPassed(List<GateResult> results) {
        return results.stream().allMatch(GateResult::passed);
    }

    private static GateResult safely(Gate gate, GateInput input) {
        try {
            GateResult result = gate.check(input);
            return result != null ? result : GateResult.fail(gate.name(), "the gate returned no verdict; failing closed");
        } catch (RuntimeException e) {
            return GateResult.fail(gate.name(), "the gate failed: " + e + "; failing closed");
        }
    }
}
