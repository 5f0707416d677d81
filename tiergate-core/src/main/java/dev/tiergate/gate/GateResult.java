package dev.tiergate.gate;

/**
 * A gate's verdict on one answer. Always carries a reason, for passes too: the ledger and the response headers
 * show why an answer was accepted ("312 chars >= 20") as well as why one was rejected.
 */
public sealed interface GateResult permits GateResult.Pass, GateResult.Fail {

    /** The gate's name as configured ("json", "min_length", a custom type...). */
    String gate();

    String reason();

    boolean passed();

    static GateResult pass(String gate, String reason) {
        return new Pass(gate, reason);
    }

    static GateResult fail(String gate, String reason) {
        return new Fail(gate, reason);
    }

    record Pass(String gate, String reason) implements GateResult {
        @Override
        public boolean passed() {
            return true;
        }
    }

    record Fail(String gate, String reason) implements GateResult {
        @Override
        public boolean passed() {
            return false;
        }
    }
}
