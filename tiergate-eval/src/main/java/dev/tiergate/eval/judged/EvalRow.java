package dev.tiergate.eval.judged;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One prompt's finished evaluation: both passes and the judges' verdicts. This is what the checkpoint stores, so
 * it holds raw facts only (texts, token counts, measured costs); figures are derived when the report is built.
 *
 * @param routed null when the baseline failed (the routed pass is skipped: there would be nothing to compare with)
 * @param judge  null when there was nothing to judge (baseline failed, or the route gave no answer)
 * @param judge2 null without a second judge
 */
public record EvalRow(String id, String category, String complexity, JsonNode messages, String prompt,
                      PassResult baseline, PassResult routed, JudgeVerdict judge, JudgeVerdict judge2) {

    /**
     * A routed request that got no answer (the route failed, or its gates rejected everything with
     * {@code on_failure: fail}) scores 1, "unusable", without a judge call: a client would have got an error.
     */
    static final int NO_ANSWER_SCORE = 1;

    /** Why the row does not count, or null when it does. */
    Exclusion exclusion() {
        if (!baseline.answered()) {
            return Exclusion.BASELINE_FAILED;
        }
        if (!routed.answered()) {
            return null;
        }
        if (judge.scored()) {
            return null;
        }
        return judge.raw() == null ? Exclusion.JUDGE_FAILED : Exclusion.JUDGE_UNPARSABLE;
    }

    /** The routed answer's score, or null for an excluded row. */
    Integer score() {
        if (exclusion() != null) {
            return null;
        }
        return routed.answered() ? judge.score() : NO_ANSWER_SCORE;
    }

    /** Every paid call of the row: baseline, route and judges. */
    List<ModelCall> allCalls() {
        List<ModelCall> calls = new ArrayList<>(baseline.calls());
        if (routed != null) {
            calls.addAll(routed.calls());
        }
        if (judge != null) {
            calls.addAll(judge.calls());
        }
        if (judge2 != null) {
            calls.addAll(judge2.calls());
        }
        return calls;
    }
}
