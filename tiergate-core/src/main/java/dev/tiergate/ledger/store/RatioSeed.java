package dev.tiergate.ledger.store;

/** Stored length pairs of one category, summed: what seeds the output ratios at start-up. */
public record RatioSeed(String category, long pairs, long lowerTokens, long frontierTokens) {}
