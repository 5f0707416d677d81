package dev.tiergate.telemetry;

import dev.tiergate.chat.Usage;
import dev.tiergate.dispatch.Attempt;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pipeline.Chain;
import dev.tiergate.pipeline.GatewayException;
import dev.tiergate.pipeline.GatewayResult;
import dev.tiergate.pipeline.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outermost stage: counts requests, tokens, cost and the frontier counterfactual by route, tier and model, and
 * every failed upstream attempt. The counterfactual here prices the answer's own token counts at the frontier
 * model's rates (an output ratio of 1.0).
 */
public final class MetricsStage implements Interceptor {
    private final MeterRegistry registry;
    private final ModelEndpoint frontier;
    private final ConcurrentHashMap<AnsweredKey, AnsweredMeters> answered = new ConcurrentHashMap<>();

    public MetricsStage(MeterRegistry registry, Ladder ladder) {
        this.registry = registry;
        this.frontier = ladder.frontier().primary();
    }

    @Override
    public GatewayResult intercept(Chain chain) {
        String route = chain.exchange().target().name();
        try {
            GatewayResult result = chain.proceed(chain.exchange());
            recordAttempts(route, result.attempts());
            Usage usage = result.response().usage();
            AnsweredMeters meters = answered.computeIfAbsent(
                    new AnsweredKey(route, result.tier().name(), result.answeredBy().name()), this::register);
            meters.requests().increment();
            meters.inputTokens().increment(usage.inputTokens());
            meters.outputTokens().increment(usage.outputTokens());
            meters.cost().increment(result.costUsd());
            meters.counterfactual().increment(frontier.price().cost(usage));
            return result;
        } catch (GatewayException e) {
            recordAttempts(route, e.attempts());
            increment(Counter.builder("tiergate.requests").description("Requests answered or failed")
                    .tag("route", route).tag("tier", "none").tag("model", "none").tag("outcome", e.code()), 1);
            throw e;
        }
    }

    /** The answered-request counters of one (route, tier, model), looked up once rather than rebuilt per request. */
    private AnsweredMeters register(AnsweredKey key) {
        return new AnsweredMeters(
                counter("tiergate.requests", "Requests answered or failed", key).tag("outcome", "ok").register(registry),
                counter("tiergate.tokens", "Tokens of the answering attempt", key).tag("kind", "input").register(registry),
                counter("tiergate.tokens", "Tokens of the answering attempt", key).tag("kind", "output").register(registry),
                counter("tiergate.cost.usd", "Cost of every attempt, USD", key).register(registry),
                counter("tiergate.counterfactual.cost.usd", "What the frontier model would have cost, USD", key).register(registry));
    }

    private void recordAttempts(String route, List<Attempt> attempts) {
        for (Attempt attempt : attempts) {
            if (!attempt.succeeded()) {
                increment(Counter.builder("tiergate.upstream.errors").description("Failed upstream attempts")
                        .tag("route", route).tag("model", attempt.endpoint()).tag("status", attempt.status().name().toLowerCase()), 1);
            }
        }
    }

    private static Counter.Builder counter(String name, String description, AnsweredKey key) {
        return Counter.builder(name).description(description).tag("route", key.route()).tag("tier", key.tier()).tag("model", key.model());
    }

    private record AnsweredKey(String route, String tier, String model) {}

    private record AnsweredMeters(Counter requests, Counter inputTokens, Counter outputTokens, Counter cost, Counter counterfactual) {}

    private void increment(Counter.Builder builder, double amount) {
        builder.register(registry).increment(amount);
    }
}
