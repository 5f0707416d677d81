package dev.tiergate.eval.judged;

import java.util.List;

/**
 * A judge's reading of one routed answer.
 *
 * @param judge the judge's config model name
 * @param score 1–5, or null when the judge could not be asked or did not answer in the required shape
 * @param raw   the judge's whole reply (null when the call failed), kept so a reader can audit every score
 * @param error why there is no score, null when there is one
 */
public record JudgeVerdict(String judge, Integer score, String raw, String error, List<ModelCall> calls) {
    public JudgeVerdict {
        calls = List.copyOf(calls);
    }

    boolean scored() {
        return score != null;
    }
}
