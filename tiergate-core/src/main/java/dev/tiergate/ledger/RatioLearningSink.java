package dev.tiergate.ledger;

/** Passes entries on, learning output-length ratios from the length pairs (escalations, shadow calls) on the way. */
public final class RatioLearningSink implements LedgerSink {
    private final OutputRatios ratios;
    private final LedgerSink next;

    public RatioLearningSink(OutputRatios ratios, LedgerSink next) {
        this.ratios = ratios;
        this.next = next;
    }

    @Override
    public void accept(LedgerEntry entry) {
        if (entry instanceof LengthPair pair) {
            ratios.record(pair.category(), pair.lowerTokens(), pair.frontierTokens());
        }
        next.accept(entry);
    }
}
