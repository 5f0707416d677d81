package dev.tiergate.eval.judged;

import java.util.List;

/**
 * What one pass (baseline or routed) got for a prompt.
 *
 * @param text        the answer, null when there was none
 * @param model       config name of the model that answered, null when none did
 * @param tier        ladder tier of the answer ("baseline" for the baseline pass), null when none answered
 * @param escalations tiers the route climbed above its first attempt (0 for the baseline)
 * @param calls       every upstream call of the pass, failed ones and gate judges included: all of them are paid for
 * @param error       why there is no answer, null when there is one
 */
public record PassResult(String text, String model, String tier, int escalations, List<ModelCall> calls, String error) {
    public PassResult {
        calls = List.copyOf(calls);
    }

    static PassResult failed(String error, List<ModelCall> calls) {
        return new PassResult(null, null, null, 0, calls, error);
    }

    boolean answered() {
        return error == null;
    }
}
