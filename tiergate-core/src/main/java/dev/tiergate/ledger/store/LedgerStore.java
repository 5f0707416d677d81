package dev.tiergate.ledger.store;

import dev.tiergate.ledger.LedgerEntry;
import dev.tiergate.ledger.RequestRecord;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable storage of ledger entries. {@link #write} is called by the single writer thread only; reads may come
 * from any thread (report, CLI) and use their own connections.
 */
public interface LedgerStore extends AutoCloseable {

    /** Writes the whole batch in one transaction (the group commit). Entries already stored are skipped. */
    void write(List<LedgerEntry> batch) throws SQLException;

    /** Prepares upcoming partitions and drops data older than {@code retention} (zero keeps everything). */
    void maintain(Instant now, Duration retention) throws SQLException;

    void scanRequests(Instant since, Consumer<RequestRow> rows) throws SQLException;

    void scanShadow(Instant since, Consumer<ShadowRow> rows) throws SQLException;

    List<RatioSeed> ratioSeeds(Instant since) throws SQLException;

    /** One request with its attempts, for tests, audits and building eval sets. */
    Optional<RequestRecord> find(String requestId) throws SQLException;

    Counts counts() throws SQLException;

    /** "sqlite" or "postgres", for messages. */
    String kind();

    @Override
    void close();

    record Counts(long requests, long attempts, long shadows, long lengthPairs) {}
}
