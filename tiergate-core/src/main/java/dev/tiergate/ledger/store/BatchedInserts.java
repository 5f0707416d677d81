package dev.tiergate.ledger.store;

import dev.tiergate.json.Json;
import dev.tiergate.ledger.AttemptRecord;
import dev.tiergate.ledger.LengthPair;
import dev.tiergate.ledger.RequestRecord;
import dev.tiergate.ledger.ShadowRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Portable inserts: JDBC batches of prepared statements, {@code ON CONFLICT DO NOTHING} for idempotent replays. */
final class BatchedInserts {
    private BatchedInserts() {}

    static final String INSERT_REQUEST = "INSERT INTO ledger_request (id, ts, key_id, route, strategy, score, threshold, "
            + "category, routed_tier, tier, tier_index, model, status, error_code, streamed, escalated, terminal, gate_failed, "
            + "input_tokens, cached_tokens, output_tokens, cost_usd, cf_cost_usd, cf_output_tokens, cf_estimate, latency_ms, "
            + "ttft_ms, attempts, prompt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";
    static final String INSERT_ATTEMPT = "INSERT INTO ledger_attempt (request_id, ts, seq, model, upstream_model, tier, "
            + "tier_index, input_tokens, cached_tokens, output_tokens, cost_usd, latency_ms, ttft_ms, status, http_status, error, gates) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";
    private static final String INSERT_SHADOW = "INSERT INTO ledger_shadow (request_id, ts, key_id, route, category, tier, model, "
            + "frontier_model, judge_model, verdict_first, verdict_second, parity, routed_output_tokens, frontier_output_tokens, cost_usd) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";
    private static final String INSERT_PAIR = "INSERT INTO ledger_length_pair (request_id, ts, source, category, lower_tokens, "
            + "frontier_tokens) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING";

    /**
     * Requests and their attempts. Measured on the 2-core benchmark machine, PostgreSQL's COPY through a staging
     * table was no faster than these batches (the driver rewrites them into multi-row inserts), so one path serves both.
     */
    static void insertRequests(Connection c, List<RequestRecord> requests) throws SQLException {
        try (PreparedStatement req = c.prepareStatement(INSERT_REQUEST); PreparedStatement att = c.prepareStatement(INSERT_ATTEMPT)) {
            int attempts = 0;
            for (RequestRecord r : requests) {
                bindRequest(req, r);
                req.addBatch();
                for (AttemptRecord a : r.attempts()) {
                    bindAttempt(att, r, a);
                    att.addBatch();
                    attempts++;
                }
            }
            req.executeBatch();
            if (attempts > 0) {
                att.executeBatch();
            }
        }
    }

    static void insertShadows(Connection c, List<ShadowRecord> shadows) throws SQLException {
        if (shadows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_SHADOW)) {
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
    }

    static void insertPairs(Connection c, List<LengthPair> pairs) throws SQLException {
        if (pairs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_PAIR)) {
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
    }

    /** The gates column: compact JSON, null when no gate ran. */
    static String gatesJson(AttemptRecord a) {
        return a.gates().isEmpty() ? null : Json.MAPPER.valueToTree(a.gates()).toString();
    }

    private static void bindRequest(PreparedStatement ps, RequestRecord r) throws SQLException {
        ps.setString(1, r.id());
        ps.setLong(2, r.atMillis());
        ps.setString(3, r.keyId());
        ps.setString(4, r.route());
        ps.setString(5, r.strategy());
        setDouble(ps, 6, r.score());
        setDouble(ps, 7, r.threshold());
        ps.setString(8, r.category());
        ps.setString(9, r.routedTier());
        ps.setString(10, r.tier());
        ps.setInt(11, r.tierIndex());
        ps.setString(12, r.model());
        ps.setInt(13, r.status());
        ps.setString(14, r.errorCode());
        ps.setBoolean(15, r.streamed());
        ps.setBoolean(16, r.escalated());
        ps.setBoolean(17, r.terminal());
        ps.setBoolean(18, r.gateFailed());
        ps.setLong(19, r.inputTokens());
        ps.setLong(20, r.cachedTokens());
        ps.setLong(21, r.outputTokens());
        ps.setDouble(22, r.costUsd());
        ps.setDouble(23, r.counterfactualUsd());
        ps.setLong(24, r.counterfactualOutputTokens());
        ps.setString(25, r.counterfactualEstimate());
        ps.setLong(26, r.latencyMs());
        setLong(ps, 27, r.ttftMs());
        ps.setInt(28, r.attempts().size());
        ps.setString(29, r.prompt());
    }

    private static void bindAttempt(PreparedStatement ps, RequestRecord r, AttemptRecord a) throws SQLException {
        ps.setString(1, r.id());
        ps.setLong(2, r.atMillis());
        ps.setInt(3, a.seq());
        ps.setString(4, a.model());
        ps.setString(5, a.upstreamModel());
        ps.setString(6, a.tier());
        ps.setInt(7, a.tierIndex());
        ps.setLong(8, a.inputTokens());
        ps.setLong(9, a.cachedTokens());
        ps.setLong(10, a.outputTokens());
        ps.setDouble(11, a.costUsd());
        ps.setLong(12, a.latencyMs());
        setLong(ps, 13, a.ttftMs());
        ps.setString(14, a.status());
        ps.setInt(15, a.httpStatus());
        ps.setString(16, a.error());
        ps.setString(17, gatesJson(a));
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
