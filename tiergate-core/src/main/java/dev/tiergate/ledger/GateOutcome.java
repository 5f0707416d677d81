package dev.tiergate.ledger;

/**
 * One quality gate's verdict on one attempt, as stored in the attempt's {@code gates} column.
 *
 * @param gate   the gate's name ("json", "min_length", ...)
 * @param reason why it failed; null or empty when it passed
 */
public record GateOutcome(String gate, boolean passed, String reason) {}
