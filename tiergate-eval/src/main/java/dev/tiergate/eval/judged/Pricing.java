package dev.tiergate.eval.judged;

import java.util.List;

/**
 * Prices recorded calls for the report: at the overlay's rate when it has one for the model, else at what the call
 * cost when it was made (the configured price). Re-pricing uses the recorded token counts, never new calls.
 */
final class Pricing {
    private final PriceOverlay overlay;

    Pricing(PriceOverlay overlay) {
        this.overlay = overlay;
    }

    double cost(ModelCall call) {
        return overlay.find(call.model(), call.upstreamModel()).map(p -> p.cost(call.usage())).orElse(call.costUsd());
    }

    double cost(List<ModelCall> calls) {
        double sum = 0;
        for (ModelCall call : calls) {
            sum += cost(call);
        }
        return sum;
    }

    /** True when at least one recorded call was re-priced. */
    boolean repriced(ModelCall call) {
        return overlay.find(call.model(), call.upstreamModel()).isPresent();
    }
}
