package dev.tiergate.ledger.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tiergate.json.Json;
import dev.tiergate.ledger.AttemptRecord;
import dev.tiergate.ledger.GateOutcome;
import dev.tiergate.ledger.LedgerEntry;
import dev.tiergate.ledger.LengthPair;
import dev.tiergate.ledger.RequestRecord;
import dev.tiergate.ledger.ShadowRecord;
import dev.tiergate.ledger.config.LedgerConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ledger in a SQL database; the same statements serve SQLite and PostgreSQL, the {@link Dialect} covers the
 * rest. The write connection belongs to the writer thread and is reopened after any failure, so a database that
 * comes back is picked up without a restart.
 */
public final class JdbcLedgerStore implements LedgerStore {
    private static final TypeReference<List<GateOutcome>> GATES = new TypeReference<>() {};
    private static final int FETCH_SIZE = 5_000;

    private static final System.Logger LOG = System.getLogger(JdbcLedgerStore.class.getName());

    private final Dialect dialect;
    private volatile boolean migrated;
    private StatementCache writer;

    private JdbcLedgerStore(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Opens the store the config names and creates or upgrades its schema. A database that is down at start-up does
     * not stop the gateway: the migration is retried before the first write, and records spool until then.
     */
    public static JdbcLedgerStore open(LedgerConfig config) {
        Dialect dialect = switch (config.backend()) {
            case SQLITE -> new SqliteDialect(config.path());
            case POSTGRES -> new PostgresDialect(config.url(), config.user(), config.password(), config.schema());
        };
        JdbcLedgerStore store = new JdbcLedgerStore(dialect);
        try {
            store.ensureMigrated();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "ledger: the " + dialect.kind() + " database is not ready (" + e.getMessage()
                    + "); records will spool until it is");
        }
        return store;
    }

    private void ensureMigrated() throws SQLException {
        if (!migrated) {
            synchronized (this) {
                if (!migrated) {
                    dialect.migrate();
                    migrated = true;
                }
            }
        }
    }

    @Override
    public String kind() {
        return dialect.kind();
    }

    @Override
    public synchronized void write(List<LedgerEntry> batch) throws SQLException {
        ensureMigrated();
        StatementCache c = writer();
        List<RequestRecord> requests = new ArrayList<>(batch.size());
        List<ShadowRecord> shadows = new ArrayList<>();
        List<LengthPair> pairs = new ArrayList<>();
        for (LedgerEntry entry : batch) {
            switch (entry) {
                case RequestRecord r -> requests.add(r);
                case ShadowRecord sh -> shadows.add(sh);
                case LengthPair p -> pairs.add(p);
                default -> throw new IllegalArgumentException("unknown ledger entry " + entry.getClass());
            }
        }
        try {
            if (!requests.isEmpty()) {
                BatchedInserts.insertRequests(c, requests);
            }
            if (!shadows.isEmpty() || !pairs.isEmpty()) {
                BatchedInserts.insertShadows(c, shadows);
                BatchedInserts.insertPairs(c, pairs);
            }
            c.connection().commit();
        } catch (SQLException | RuntimeException e) {
            dropWriter();
            throw e;
        }
    }

    @Override
    public synchronized void maintain(Instant now, Duration retention) throws SQLException {
        ensureMigrated();
        Connection c = writer().connection();
        try {
            dialect.maintain(c, now, retention);
        } catch (SQLException e) {
            dropWriter();
            throw e;
        } finally {
            if (writer != null) {
                writer.connection().setAutoCommit(false);
            }
        }
    }

    @Override
    public void scanRequests(Instant since, Consumer<RequestRow> rows) throws SQLException {
        String sql = "SELECT ts, key_id, route, category, tier, tier_index, status, escalated, gate_failed, cost_usd, cf_cost_usd, "
                + "cf_estimate, latency_ms FROM ledger_request WHERE ts >= ?";
        scan(sql, since, rs -> rows.accept(new RequestRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getBoolean(8), rs.getBoolean(9), rs.getDouble(10),
                rs.getDouble(11), rs.getString(12), rs.getLong(13))));
    }

    @Override
    public void scanShadow(Instant since, Consumer<ShadowRow> rows) throws SQLException {
        String sql = "SELECT ts, key_id, route, category, tier, parity FROM ledger_shadow WHERE ts >= ?";
        scan(sql, since, rs -> rows.accept(new ShadowRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getBoolean(6))));
    }

    @Override
    public List<RatioSeed> ratioSeeds(Instant since) throws SQLException {
        List<RatioSeed> seeds = new ArrayList<>();
        scan("SELECT category, count(*), sum(lower_tokens), sum(frontier_tokens) FROM ledger_length_pair WHERE ts >= ? GROUP BY category",
                since, rs -> seeds.add(new RatioSeed(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))));
        return seeds;
    }

    @Override
    public Optional<RequestRecord> find(String requestId) throws SQLException {
        ensureMigrated();
        try (Connection c = dialect.connect()) {
            List<AttemptRecord> attempts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, model, upstream_model, tier, tier_index, input_tokens, "
                    + "cached_tokens, output_tokens, cost_usd, latency_ms, ttft_ms, status, http_status, error, gates "
                    + "FROM ledger_attempt WHERE request_id = ? ORDER BY seq")) {
                ps.setString(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        attempts.add(new AttemptRecord(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getDouble(9), rs.getLong(10), nullableLong(rs, 11),
                                rs.getString(12), rs.getInt(13), rs.getString(14), gates(rs.getString(15))));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, ts, key_id, route, strategy, score, threshold, category, "
                    + "routed_tier, tier, tier_index, model, status, error_code, streamed, escalated, terminal, gate_failed, input_tokens, "
                    + "cached_tokens, output_tokens, cost_usd, cf_cost_usd, cf_output_tokens, cf_estimate, latency_ms, ttft_ms, prompt "
                    + "FROM ledger_request WHERE id = ?")) {
                ps.setString(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new RequestRecord(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), nullableDouble(rs, 6), nullableDouble(rs, 7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getInt(11), rs.getString(12), rs.getInt(13), rs.getString(14), rs.getBoolean(15),
                            rs.getBoolean(16), rs.getBoolean(17), rs.getBoolean(18), rs.getLong(19), rs.getLong(20), rs.getLong(21),
                            rs.getDouble(22), rs.getDouble(23), rs.getLong(24), rs.getString(25), rs.getLong(26), nullableLong(rs, 27),
                            rs.getString(28), attempts));
                }
            }
        }
    }

    @Override
    public Counts counts() throws SQLException {
        ensureMigrated();
        try (Connection c = dialect.connect(); Statement s = c.createStatement()) {
            long[] n = new long[4];
            String[] tables = {"ledger_request", "ledger_attempt", "ledger_shadow", "ledger_length_pair"};
            for (int i = 0; i < tables.length; i++) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + tables[i])) {
                    rs.next();
                    n[i] = rs.getLong(1);
                }
            }
            return new Counts(n[0], n[1], n[2], n[3]);
        }
    }

    @Override
    public synchronized void close() {
        dropWriter();
        dialect.close();
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void scan(String sql, Instant since, RowReader reader) throws SQLException {
        ensureMigrated();
        try (Connection c = dialect.connect()) {
            c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setLong(1, since.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    private StatementCache writer() throws SQLException {
        if (writer == null) {
            Connection connection = dialect.connect();
            connection.setAutoCommit(false);
            writer = new StatementCache(connection);
        }
        return writer;
    }

    private void dropWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException ignored) {
                // it is being thrown away because it failed; a second failure adds nothing
            }
            writer = null;
        }
    }

    private static Double nullableDouble(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    private static List<GateOutcome> gates(String json) throws SQLException {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(json, GATES);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable gates column: " + e.getOriginalMessage(), e);
        }
    }
}
