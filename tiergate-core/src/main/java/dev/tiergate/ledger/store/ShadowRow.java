package dev.tiergate.ledger.store;

/** The columns of a stored shadow comparison that the report needs. */
public record ShadowRow(long atMillis, String keyId, String route, String category, String tier, boolean parity) {}
