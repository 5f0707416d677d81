package dev.tiergate.ledger;

import dev.tiergate.chat.Usage;
import dev.tiergate.dispatch.Attempt;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.pipeline.Exchange;
import dev.tiergate.pipeline.GatewayException;
import dev.tiergate.pipeline.GatewayResult;
import dev.tiergate.router.RoutingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Turns a finished request (answered or failed) into its ledger record. Pure: no I/O, safe on the request path. */
public final class RequestRecorder {
    /** Issue 4 marks a best-effort answer whose gates failed even at the top tier with this header. */
    public static final String GATE_HEADER = "x-tiergate-gate";
    private static final int MAX_ERROR_CHARS = 200;

    private final Ladder ladder;
    private final Counterfactual counterfactual;
    private final Categorizer categorizer;
    private final GateReader gateReader;
    private final boolean storePrompts;

    public RequestRecorder(Ladder ladder, Counterfactual counterfactual, Categorizer categorizer, GateReader gateReader,
                           boolean storePrompts) {
        this.ladder = ladder;
        this.counterfactual = counterfactual;
        this.categorizer = categorizer;
        this.gateReader = gateReader;
        this.storePrompts = storePrompts;
    }

    /** When the request started (wall clock, for attempt offsets) and how long it took in total. */
    public record Timing(Instant start, long latencyMs) {}

    public RequestRecord answered(Exchange exchange, GatewayResult result, Timing timing) {
        List<AttemptRecord> attempts = attempts(result.attempts());
        Attempt answer = lastSucceeded(result.attempts());
        Usage usage = result.response().usage();
        String category = category(exchange);
        boolean byFrontier = result.tier().index() == ladder.frontier().index();
        Counterfactual.Cost cf = counterfactual.of(usage, byFrontier, category);
        String gateHeader = result.headers().getOrDefault(GATE_HEADER, "");
        boolean terminal = gateHeader.toLowerCase(Locale.ROOT).startsWith("failed");
        RoutingDecision decision = result.decision();
        return new RequestRecord(exchange.meta().requestId(), exchange.meta().receivedAt().toEpochMilli(), exchange.meta().keyId(),
                exchange.target().name(), decision == null ? exchange.target().router().strategy() : decision.strategy(),
                finite(decision == null ? Double.NaN : decision.score()), finite(decision == null ? Double.NaN : decision.threshold()),
                category, routedTier(result.attempts(), result.tier().name()), result.tier().name(), result.tier().index(),
                result.answeredBy().name(), 200, null, exchange.streaming(), escalated(result.attempts()), terminal,
                terminal || attempts.stream().anyMatch(AttemptRecord::gateFailed),
                usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens(), result.costUsd(),
                cf.usd(), cf.outputTokens(), cf.estimate(), timing.latencyMs(), ttft(answer, timing),
                prompt(exchange), attempts);
    }

    public RequestRecord failed(Exchange exchange, GatewayException error, Timing timing) {
        List<AttemptRecord> attempts = attempts(error.attempts());
        String category = category(exchange);
        Usage largest = error.attempts().stream().map(Attempt::usage)
                .max(Comparator.comparingLong(Usage::totalTokens)).orElse(Usage.NONE);
        Counterfactual.Cost cf = counterfactual.of(largest, false, category);
        boolean gateFailure = error.status() == 422 || (error.code() != null && error.code().contains("gate"));
        double cost = error.attempts().stream().mapToDouble(Attempt::costUsd).sum();
        return new RequestRecord(exchange.meta().requestId(), exchange.meta().receivedAt().toEpochMilli(), exchange.meta().keyId(),
                exchange.target().name(), exchange.target().router().strategy(), null, null, category,
                routedTier(error.attempts(), null), null, -1, null, error.status(), error.code(), exchange.streaming(),
                escalated(error.attempts()), gateFailure, gateFailure || attempts.stream().anyMatch(AttemptRecord::gateFailed),
                largest.inputTokens(), largest.cachedInputTokens(), largest.outputTokens(), cost,
                cf.usd(), cf.outputTokens(), cf.estimate(), timing.latencyMs(), null, prompt(exchange), attempts);
    }

    /**
     * The observed length pair of an escalated request that the frontier finally answered: the last lower-tier answer
     * versus the frontier's. Null when the request gives none.
     */
    public LengthPair lengthPair(RequestRecord record) {
        if (!record.escalated() || record.tierIndex() != ladder.frontier().index()) {
            return null;
        }
        AttemptRecord lower = null;
        AttemptRecord top = null;
        for (AttemptRecord a : record.attempts()) {
            if (a.succeeded() && a.tierIndex() < record.tierIndex() && a.outputTokens() > 0) {
                lower = a;
            }
            if (a.succeeded() && a.tierIndex() == record.tierIndex()) {
                top = a;
            }
        }
        if (lower == null || top == null || top.outputTokens() <= 0) {
            return null;
        }
        return new LengthPair(record.id(), record.atMillis(), record.category(), "escalation", lower.outputTokens(), top.outputTokens());
    }

    private String category(Exchange exchange) {
        return categorizer.categorize(exchange.request(), exchange.meta().headers());
    }

    private String prompt(Exchange exchange) {
        return storePrompts ? Json.text(exchange.request().messages()) : null;
    }

    private List<AttemptRecord> attempts(List<Attempt> attempts) {
        List<AttemptRecord> records = new ArrayList<>(attempts.size());
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            String error = a.error();
            if (error != null && error.length() > MAX_ERROR_CHARS) {
                error = error.substring(0, MAX_ERROR_CHARS);
            }
            records.add(new AttemptRecord(i, a.endpoint(), a.upstreamModel(), a.tierName(), a.tierIndex(),
                    a.usage().inputTokens(), a.usage().cachedInputTokens(), a.usage().outputTokens(), a.costUsd(),
                    a.latency() == null ? 0 : a.latency().toMillis(), a.ttft() == null ? null : a.ttft().toMillis(),
                    a.status().name().toLowerCase(Locale.ROOT), a.httpStatus(), error, gateReader.gates(a)));
        }
        return records;
    }

    private static Attempt lastSucceeded(List<Attempt> attempts) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).succeeded()) {
                return attempts.get(i);
            }
        }
        return null;
    }

    private static String routedTier(List<Attempt> attempts, String fallback) {
        return attempts.isEmpty() ? fallback : attempts.get(0).tierName();
    }

    private static boolean escalated(List<Attempt> attempts) {
        return attempts.stream().mapToInt(Attempt::tierIndex).distinct().count() > 1;
    }

    /** From the start of the request to the answer's first token, earlier attempts included. */
    private static Long ttft(Attempt answer, Timing timing) {
        if (answer == null || answer.ttft() == null) {
            return null;
        }
        long before = Math.max(0, Duration.between(timing.start(), answer.startedAt()).toMillis());
        return before + answer.ttft().toMillis();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
