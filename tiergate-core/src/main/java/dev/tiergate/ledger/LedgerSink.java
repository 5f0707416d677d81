package dev.tiergate.ledger;

/** Where finished entries go. Implementations must never block the caller: it is the request path. */
@FunctionalInterface
public interface LedgerSink {
    LedgerSink DISCARD = entry -> {};

    void accept(LedgerEntry entry);
}
