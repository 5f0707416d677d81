package dev.tiergate.eval.judged;

/** Why a finished row does not count towards quality preserved. Such rows are counted and listed, never dropped. */
public enum Exclusion {
    /** The baseline gave no answer, so there was nothing to compare with (the routed pass and judge were skipped). */
    BASELINE_FAILED("baseline failed"),
    /** The judge could not be reached or failed. */
    JUDGE_FAILED("judge call failed"),
    /** The judge answered, but not with exactly one "SCORE: n" line. */
    JUDGE_UNPARSABLE("judge reply not a score");

    private final String label;

    Exclusion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
