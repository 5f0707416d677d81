package dev.tiergate.eval.cascade;

/** What one request got and cost under one way of routing it. */
record RowOutcome(double quality, double cost, boolean strongCalled, boolean escalated, double wasted) {

    static RowOutcome weak(PairedRows d, int i) {
        return new RowOutcome(d.weakScore()[i], d.weakCost()[i], false, false, 0);
    }

    static RowOutcome strong(PairedRows d, int i) {
        return new RowOutcome(d.strongScore()[i], d.strongCost()[i], true, false, 0);
    }

    /**
     * Cheap first, checked by the gate (which may cost something itself); when the gate rejects it, the strong model
     * too, and the cheap call and its check were paid for nothing.
     */
    static RowOutcome cascade(PairedRows d, int i, GateModel gate) {
        double cheap = d.weakCost()[i] * (1 + gate.checkCostRatio());
        if (!gate.rejects(d.id(i), d.weakAcceptable(i))) {
            return new RowOutcome(d.weakScore()[i], cheap, false, false, 0);
        }
        return new RowOutcome(d.strongScore()[i], cheap + d.strongCost()[i], true, true, cheap);
    }
}
