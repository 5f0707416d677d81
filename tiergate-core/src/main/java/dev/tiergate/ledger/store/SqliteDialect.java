package dev.tiergate.ledger.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Embedded SQLite in WAL mode. {@code synchronous=NORMAL}: a committed transaction survives a killed process (the
 * WAL is in the OS page cache) but not a power cut, which is the right trade for a spend log at 20k+ rows/s.
 * Automatic checkpoints are off because they run inside a commit and stretched the kill -9 loss window to ~300 ms;
 * a background thread checkpoints passively (never blocking the writer) once a second instead.
 */
final class SqliteDialect implements Dialect {
    private static final String[] TABLES = {"ledger_request", "ledger_attempt", "ledger_shadow", "ledger_length_pair"};
    private static final System.Logger LOG = System.getLogger(SqliteDialect.class.getName());
    private final Path file;
    private ScheduledExecutorService checkpointer;
    private Connection checkpointConnection;

    SqliteDialect(Path file) {
        this.file = file;
    }

    @Override
    public String kind() {
        return "sqlite";
    }

    @Override
    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA wal_autocheckpoint=0");
        }
        return connection;
    }

    @Override
    public void migrate() throws SQLException {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new SQLException("cannot create the directory of " + file + ": " + e.getMessage(), e);
        }
        startCheckpoints();
        try (Connection connection = connect(); Statement s = connection.createStatement()) {
            String withoutComments = String.join("\n", schema().lines().filter(l -> !l.trim().startsWith("--")).toList());
            for (String statement : withoutComments.split(";")) {
                String sql = statement.trim();
                if (!sql.isEmpty()) {
                    s.execute(sql);
                }
            }
        }
    }

    @Override
    public void maintain(Connection connection, Instant now, Duration retention) throws SQLException {
        if (retention.isZero()) {
            return;
        }
        long cutoff = now.minus(retention).toEpochMilli();
        connection.setAutoCommit(true);
        for (String table : TABLES) {
            try (var delete = connection.prepareStatement("DELETE FROM " + table + " WHERE ts < ?")) {
                delete.setLong(1, cutoff);
                delete.executeUpdate();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (checkpointer != null) {
            checkpointer.shutdownNow();
            checkpointer = null;
        }
        checkpoint(); // leave a small WAL behind
        if (checkpointConnection != null) {
            try {
                checkpointConnection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            checkpointConnection = null;
        }
    }

    private synchronized void startCheckpoints() {
        if (checkpointer == null) {
            checkpointer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tiergate-ledger-checkpoint").daemon(true).factory());
            checkpointer.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
        }
    }

    private synchronized void checkpoint() {
        try {
            if (checkpointConnection == null) {
                checkpointConnection = connect();
            }
            try (Statement s = checkpointConnection.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "ledger: WAL checkpoint skipped: " + e.getMessage());
        }
    }

    private static String schema() {
        try (InputStream in = SqliteDialect.class.getResourceAsStream("/db/ledger/sqlite/schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/ledger/sqlite/schema.sql is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
