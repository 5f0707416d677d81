-- Ledger schema for SQLite (embedded default). Times are epoch milliseconds (UTC); money is USD.
-- Primary keys make writes idempotent, so replaying a spool file twice cannot double-count.
CREATE TABLE IF NOT EXISTS ledger_request (
    id TEXT NOT NULL,
    ts INTEGER NOT NULL,
    key_id TEXT,
    route TEXT,
    strategy TEXT,
    score REAL,
    threshold REAL,
    category TEXT,
    routed_tier TEXT,
    tier TEXT,
    tier_index INTEGER,
    model TEXT,
    status INTEGER NOT NULL,
    error_code TEXT,
    streamed INTEGER NOT NULL,
    escalated INTEGER NOT NULL,
    terminal INTEGER NOT NULL,
    gate_failed INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    cached_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    cf_cost_usd REAL NOT NULL,
    cf_output_tokens INTEGER NOT NULL,
    cf_estimate TEXT NOT NULL,
    latency_ms INTEGER NOT NULL,
    ttft_ms INTEGER,
    attempts INTEGER NOT NULL,
    prompt TEXT,
    PRIMARY KEY (id, ts)
);
CREATE INDEX IF NOT EXISTS ledger_request_ts ON ledger_request (ts);
CREATE TABLE IF NOT EXISTS ledger_attempt (
    request_id TEXT NOT NULL,
    ts INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    model TEXT,
    upstream_model TEXT,
    tier TEXT,
    tier_index INTEGER,
    input_tokens INTEGER NOT NULL,
    cached_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    latency_ms INTEGER NOT NULL,
    ttft_ms INTEGER,
    status TEXT NOT NULL,
    http_status INTEGER,
    error TEXT,
    gates TEXT,
    PRIMARY KEY (request_id, seq, ts)
);
CREATE INDEX IF NOT EXISTS ledger_attempt_ts ON ledger_attempt (ts);
CREATE TABLE IF NOT EXISTS ledger_shadow (
    request_id TEXT NOT NULL,
    ts INTEGER NOT NULL,
    key_id TEXT,
    route TEXT,
    category TEXT,
    tier TEXT,
    model TEXT,
    frontier_model TEXT,
    judge_model TEXT,
    verdict_first TEXT,
    verdict_second TEXT,
    parity INTEGER NOT NULL,
    routed_output_tokens INTEGER NOT NULL,
    frontier_output_tokens INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    PRIMARY KEY (request_id, ts)
);
CREATE INDEX IF NOT EXISTS ledger_shadow_ts ON ledger_shadow (ts);
CREATE TABLE IF NOT EXISTS ledger_length_pair (
    request_id TEXT NOT NULL,
    ts INTEGER NOT NULL,
    source TEXT NOT NULL,
    category TEXT,
    lower_tokens INTEGER NOT NULL,
    frontier_tokens INTEGER NOT NULL,
    PRIMARY KEY (request_id, source, ts)
);
