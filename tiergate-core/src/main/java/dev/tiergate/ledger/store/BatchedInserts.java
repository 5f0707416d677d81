package dev.tiergate.ledger.store;

import dev.tiergate.json.Json;
import dev.tiergate.ledger.AttemptRecord;
import dev.tiergate.ledger.LengthPair;
import dev.tiergate.ledger.RequestRecord;
import dev.tiergate.ledger.ShadowRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Portable inserts: multi-row or batched prepared statements, {@code ON CONFLICT DO NOTHING} for idempotent replays. */
final class BatchedInserts {
    private BatchedInserts() {}

    /** SQLite allows 32,766 parameters per statement and PostgreSQL 65,535: 64 rows of 29 columns is far below both. */
    static final int ROWS_PER_STATEMENT = 64;
    private static final int REQUEST_COLUMNS = 29;
    private static final int ATTEMPT_COLUMNS = 17;
    private static final String INSERT_REQUEST_PREFIX = "INSERT INTO ledger_request (id, ts, key_id, route, strategy, score, threshold, "
            + "category, routed_tier, tier, tier_index, model, status, error_code, streamed, escalated, terminal, gate_failed, "
            + "input_tokens, cached_tokens, output_tokens, cost_usd, cf_cost_usd, cf_output_tokens, cf_estimate, latency_ms, "
            + "ttft_ms, attempts, prompt) VALUES ";
    private static final String INSERT_ATTEMPT_PREFIX = "INSERT INTO ledger_attempt (request_id, ts, seq, model, upstream_model, tier, "
            + "tier_index, input_tokens, cached_tokens, output_tokens, cost_usd, latency_ms, ttft_ms, status, http_status, error, gates) "
            + "VALUES ";

    /** Index k holds the statement for 2^k rows. */
    private static final String[] INSERT_REQUEST = multiRowStatements(INSERT_REQUEST_PREFIX, REQUEST_COLUMNS);
    private static final String[] INSERT_ATTEMPT = multiRowStatements(INSERT_ATTEMPT_PREFIX, ATTEMPT_COLUMNS);

    private static final String INSERT_SHADOW = "INSERT INTO ledger_shadow (request_id, ts, key_id, route, category, tier, model, "
            + "frontier_model, judge_model, verdict_first, verdict_second, parity, routed_output_tokens, frontier_output_tokens, cost_usd) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";
    private static final String INSERT_PAIR = "INSERT INTO ledger_length_pair (request_id, ts, source, category, lower_tokens, "
            + "frontier_tokens) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING";

    /**
     * Requests and their attempts, {@link #ROWS_PER_STATEMENT} rows per INSERT: one statement execution per chunk
     * instead of one per row cut the SQLite writer's CPU per record (bench/ledger, docs/BENCHMARKS.md), and that CPU
     * competes with the request path. PostgreSQL's COPY through a staging table was no faster than this.
     */
    static void insertRequests(StatementCache c, List<RequestRecord> requests) throws SQLException {
        List<Attempt> attempts = new ArrayList<>();
        for (RequestRecord r : requests) {
            for (AttemptRecord a : r.attempts()) {
                attempts.add(new Attempt(r, a));
            }
        }
        insertChunked(c, INSERT_REQUEST, REQUEST_COLUMNS, requests, BatchedInserts::bindRequest);
        insertChunked(c, INSERT_ATTEMPT, ATTEMPT_COLUMNS, attempts, (ps, base, x) -> bindAttempt(ps, base, x.request(), x.attempt()));
    }

    private record Attempt(RequestRecord request, AttemptRecord attempt) {}

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, int base, T row) throws SQLException;
    }

    /**
     * Full chunks of {@link #ROWS_PER_STATEMENT} rows, then the rest in chunks of halving powers of two (15 rows go
     * as 8 + 4 + 2 + 1): a handful of statement shapes per table, compiled once and kept in the cache, however the
     * batch sizes vary.
     */
    private static <T> void insertChunked(StatementCache c, String[] statements, int columns, List<T> rows, Binder<T> binder)
            throws SQLException {
        int done = 0;
        for (int k = statements.length - 1; k >= 0; k--) {
            int chunk = 1 << k;
            while (rows.size() - done >= chunk) {
                PreparedStatement ps = c.prepared(statements[k]);
                for (int i = 0; i < chunk; i++) {
                    binder.bind(ps, i * columns, rows.get(done + i));
                }
                ps.executeUpdate();
                done += chunk;
            }
        }
    }

    private static String[] multiRowStatements(String prefix, int columns) {
        String[] statements = new String[Integer.numberOfTrailingZeros(ROWS_PER_STATEMENT) + 1];
        for (int k = 0; k < statements.length; k++) {
            statements[k] = multiRow(prefix, columns, 1 << k);
        }
        return statements;
    }

    static String multiRow(String prefix, int columns, int rows) {
        String row = "(" + "?,".repeat(columns - 1) + "?)";
        StringBuilder sql = new StringBuilder(prefix.length() + rows * (row.length() + 1) + 32).append(prefix);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append(row);
        }
        return sql.append(" ON CONFLICT DO NOTHING").toString();
    }

    static void insertShadows(StatementCache c, List<ShadowRecord> shadows) throws SQLException {
        if (shadows.isEmpty()) {
            return;
        }
        PreparedStatement ps = c.prepared(INSERT_SHADOW);
        for (ShadowRecord s : shadows) {
            ps.setString(1, s.requestId());
            ps.setLong(2, s.atMillis());
            ps.setString(3, s.keyId());
            ps.setString(4, s.route());
            ps.setString(5, s.category());
            ps.setString(6, s.tier());
            ps.setString(7, s.model());
            ps.setString(8, s.frontierModel());
            ps.setString(9, s.judgeModel());
            ps.setString(10, s.verdictFirst());
            ps.setString(11, s.verdictSecond());
            ps.setBoolean(12, s.parity());
            ps.setLong(13, s.routedOutputTokens());
            ps.setLong(14, s.frontierOutputTokens());
            ps.setDouble(15, s.costUsd());
            ps.addBatch();
        }
        ps.executeBatch();
    }

    static void insertPairs(StatementCache c, List<LengthPair> pairs) throws SQLException {
        if (pairs.isEmpty()) {
            return;
        }
        PreparedStatement ps = c.prepared(INSERT_PAIR);
        for (LengthPair p : pairs) {
            ps.setString(1, p.requestId());
            ps.setLong(2, p.atMillis());
            ps.setString(3, p.source());
            ps.setString(4, p.category());
            ps.setLong(5, p.lowerTokens());
            ps.setLong(6, p.frontierTokens());
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** The gates column: compact JSON, null when no gate ran. */
    static String gatesJson(AttemptRecord a) {
        return a.gates().isEmpty() ? null : Json.MAPPER.valueToTree(a.gates()).toString();
    }

    private static void bindRequest(PreparedStatement ps, int base, RequestRecord r) throws SQLException {
        ps.setString(base + 1, r.id());
        ps.setLong(base + 2, r.atMillis());
        ps.setString(base + 3, r.keyId());
        ps.setString(base + 4, r.route());
        ps.setString(base + 5, r.strategy());
        setDouble(ps, base + 6, r.score());
        setDouble(ps, base + 7, r.threshold());
        ps.setString(base + 8, r.category());
        ps.setString(base + 9, r.routedTier());
        ps.setString(base + 10, r.tier());
        ps.setInt(base + 11, r.tierIndex());
        ps.setString(base + 12, r.model());
        ps.setInt(base + 13, r.status());
        ps.setString(base + 14, r.errorCode());
        ps.setBoolean(base + 15, r.streamed());
        ps.setBoolean(base + 16, r.escalated());
        ps.setBoolean(base + 17, r.terminal());
        ps.setBoolean(base + 18, r.gateFailed());
        ps.setLong(base + 19, r.inputTokens());
        ps.setLong(base + 20, r.cachedTokens());
        ps.setLong(base + 21, r.outputTokens());
        ps.setDouble(base + 22, r.costUsd());
        ps.setDouble(base + 23, r.counterfactualUsd());
        ps.setLong(base + 24, r.counterfactualOutputTokens());
        ps.setString(base + 25, r.counterfactualEstimate());
        ps.setLong(base + 26, r.latencyMs());
        setLong(ps, base + 27, r.ttftMs());
        ps.setInt(base + 28, r.attempts().size());
        ps.setString(base + 29, r.prompt());
    }

    private static void bindAttempt(PreparedStatement ps, int base, RequestRecord r, AttemptRecord a) throws SQLException {
        ps.setString(base + 1, r.id());
        ps.setLong(base + 2, r.atMillis());
        ps.setInt(base + 3, a.seq());
        ps.setString(base + 4, a.model());
        ps.setString(base + 5, a.upstreamModel());
        ps.setString(base + 6, a.tier());
        ps.setInt(base + 7, a.tierIndex());
        ps.setLong(base + 8, a.inputTokens());
        ps.setLong(base + 9, a.cachedTokens());
        ps.setLong(base + 10, a.outputTokens());
        ps.setDouble(base + 11, a.costUsd());
        ps.setLong(base + 12, a.latencyMs());
        setLong(ps, base + 13, a.ttftMs());
        ps.setString(base + 14, a.status());
        ps.setInt(base + 15, a.httpStatus());
        ps.setString(base + 16, a.error());
        ps.setString(base + 17, gatesJson(a));
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
