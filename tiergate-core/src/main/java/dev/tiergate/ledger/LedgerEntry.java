package dev.tiergate.ledger;

/**
 * Anything the ledger persists: a request with its attempts, a shadow comparison, or an observed output-length
 * pair. One queue and one spool carry all of them, so each kind gets the same non-blocking, crash-safe path.
 */
public interface LedgerEntry {
    /** Wall-clock time of the entry, epoch milliseconds (the partition key in PostgreSQL). */
    long atMillis();
}
