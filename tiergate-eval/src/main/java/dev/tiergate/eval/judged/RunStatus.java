package dev.tiergate.eval.judged;

/** How a run ended; the report states it, so a partial report is never mistaken for a complete one. */
public enum RunStatus {
    COMPLETE("complete"),
    SPENDING_CAP("stopped at the spending cap"),
    INTERRUPTED("interrupted"),
    /** Some prompts failed with an unexpected error and were left for a rerun. */
    INCOMPLETE("incomplete");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
