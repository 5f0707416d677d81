package dev.tiergate.ledger.config;

import dev.tiergate.config.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code ledger:} section.
 *
 * @param path          SQLite file, relative to the working directory
 * @param url           PostgreSQL JDBC url (store: postgres)
 * @param schema        PostgreSQL schema the ledger tables live in (created if missing)
 * @param retention     rows older than this are dropped (PostgreSQL: whole monthly partitions); zero keeps everything
 * @param queueCapacity records waiting for the writer; beyond it they go straight to the spool file
 * @param batchSize     most records in one group commit
 * @param flushInterval how long the writer waits for more records before committing: the kill -9 loss window
 * @param spool         append-only file that holds records while the database is unreachable
 * @param retryInterval how often the writer retries the database while records are spooled
 * @param ratioMinSamples observed length pairs a category needs before its ratio replaces the default 1.0
 * @param ratioWindow   how far back stored pairs seed the ratios at start-up
 */
public record LedgerConfig(boolean enabled, Backend backend, Path path, String url, String user, Secret password,
                           String schema, boolean storePrompts, Duration retention, int queueCapacity, int batchSize,
                           Duration flushInterval, Path spool, Duration retryInterval, int ratioMinSamples,
                           Duration ratioWindow) {

    public enum Backend { SQLITE, POSTGRES }

    public static final LedgerConfig DEFAULT = new LedgerConfig(true, Backend.SQLITE, Path.of("tiergate-ledger.db"), null,
            null, Secret.NONE, "public", false, Duration.ofDays(400), 65_536, 2_000, Duration.ofMillis(20),
            Path.of("tiergate-ledger.spool"), Duration.ofSeconds(2), 20, Duration.ofDays(30));

    /** Without the password. */
    @Override
    public String toString() {
        return "LedgerConfig[" + backend + ", " + (backend == Backend.SQLITE ? path : url) + ", store_prompts=" + storePrompts + "]";
    }

    public LedgerConfig withSqlite(Path file, Path spoolFile) {
        return new LedgerConfig(enabled, Backend.SQLITE, file, null, null, Secret.NONE, schema, storePrompts, retention, queueCapacity,
                batchSize, flushInterval, spoolFile, retryInterval, ratioMinSamples, ratioWindow);
    }

    public LedgerConfig withPostgres(String jdbcUrl, String dbUser, String dbSchema, Path spoolFile) {
        return new LedgerConfig(enabled, Backend.POSTGRES, path, jdbcUrl, dbUser, Secret.NONE, dbSchema, storePrompts, retention,
                queueCapacity, batchSize, flushInterval, spoolFile, retryInterval, ratioMinSamples, ratioWindow);
    }

    public LedgerConfig withStorePrompts(boolean store) {
        return new LedgerConfig(enabled, backend, path, url, user, password, schema, store, retention, queueCapacity, batchSize,
                flushInterval, spool, retryInterval, ratioMinSamples, ratioWindow);
    }

    public LedgerConfig withFlush(int batch, Duration interval, Duration retry) {
        return new LedgerConfig(enabled, backend, path, url, user, password, schema, storePrompts, retention, queueCapacity, batch,
                interval, spool, retry, ratioMinSamples, ratioWindow);
    }
}
