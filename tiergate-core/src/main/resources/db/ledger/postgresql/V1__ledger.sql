-- Ledger schema for PostgreSQL. Times are epoch milliseconds (UTC); money is USD.
-- Requests and attempts are range-partitioned by month on ts: retention drops whole partitions instead of
-- deleting rows, and the store creates upcoming months ahead of time. The default partitions catch anything
-- outside the prepared months, so an insert never fails for want of a partition.
-- Primary keys (which must include the partition key) make spool replays idempotent.
CREATE TABLE ledger_request (
    id text NOT NULL,
    ts bigint NOT NULL,
    key_id text,
    route text,
    strategy text,
    score double precision,
    threshold double precision,
    category text,
    routed_tier text,
    tier text,
    tier_index smallint,
    model text,
    status smallint NOT NULL,
    error_code text,
    streamed boolean NOT NULL,
    escalated boolean NOT NULL,
    terminal boolean NOT NULL,
    gate_failed boolean NOT NULL,
    input_tokens bigint NOT NULL,
    cached_tokens bigint NOT NULL,
    output_tokens bigint NOT NULL,
    cost_usd double precision NOT NULL,
    cf_cost_usd double precision NOT NULL,
    cf_output_tokens bigint NOT NULL,
    cf_estimate text NOT NULL,
    latency_ms bigint NOT NULL,
    ttft_ms bigint,
    attempts smallint NOT NULL,
    prompt text,
    PRIMARY KEY (id, ts)
) PARTITION BY RANGE (ts);
CREATE TABLE ledger_request_default PARTITION OF ledger_request DEFAULT;
CREATE INDEX ledger_request_ts ON ledger_request USING brin (ts);

CREATE TABLE ledger_attempt (
    request_id text NOT NULL,
    ts bigint NOT NULL,
    seq smallint NOT NULL,
    model text,
    upstream_model text,
    tier text,
    tier_index smallint,
    input_tokens bigint NOT NULL,
    cached_tokens bigint NOT NULL,
    output_tokens bigint NOT NULL,
    cost_usd double precision NOT NULL,
    latency_ms bigint NOT NULL,
    ttft_ms bigint,
    status text NOT NULL,
    http_status smallint,
    error text,
    gates text,
    PRIMARY KEY (request_id, seq, ts)
) PARTITION BY RANGE (ts);
CREATE TABLE ledger_attempt_default PARTITION OF ledger_attempt DEFAULT;

CREATE TABLE ledger_shadow (
    request_id text NOT NULL,
    ts bigint NOT NULL,
    key_id text,
    route text,
    category text,
    tier text,
    model text,
    frontier_model text,
    judge_model text,
    verdict_first text,
    verdict_second text,
    parity boolean NOT NULL,
    routed_output_tokens bigint NOT NULL,
    frontier_output_tokens bigint NOT NULL,
    cost_usd double precision NOT NULL,
    PRIMARY KEY (request_id, ts)
);
CREATE INDEX ledger_shadow_ts ON ledger_shadow (ts);

CREATE TABLE ledger_length_pair (
    request_id text NOT NULL,
    ts bigint NOT NULL,
    source text NOT NULL,
    category text,
    lower_tokens bigint NOT NULL,
    frontier_tokens bigint NOT NULL,
    PRIMARY KEY (request_id, source, ts)
);
