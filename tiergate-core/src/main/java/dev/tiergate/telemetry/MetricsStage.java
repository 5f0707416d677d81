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

/**
 * Outermost stage: counts requests, tokens, cost and the frontier counterfactual by route, tier and model, and
 * every failed upstream attempt. The counterfactual here prices the answer's own token counts at the frontier
 * model's rates (an output ratio of 1.0).
 */
public final class MetricsStage implements Interceptor {
    private final MeterRegistry registry;
    private final ModelEndpoint frontier;

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
            String tier = result.tier().name();
            String model = result.answeredBy().name();
            increment(counter("tiergate.requests", "Requests answered or failed", route, tier, model).tag("outcome", "ok"), 1);
            Usage usage = result.response().usage();
            increment(counter("tiergate.tokens", "Tokens of the answering attempt", route, tier, model).tag("kind", "input"), usage.inputTokens());
            increment(counter("tiergate.tokens", "Tokens of the answering attempt", route, tier, model).tag("kind", "output"), usage.outputTokens());
            increment(counter("tiergate.cost.usd", "Cost of every attempt, USD", route, tier, model), result.costUsd());
            increment(counter("tiergate.counterfactual.cost.usd", "What the frontier model would have cost, USD", route, tier, model),
                    frontier.price().cost(usage));
            return result;
        } catch (GatewayException e) {
            recordAttempts(route, e.attempts());
            increment(Counter.builder("tiergate.requests").description("Requests answered or failed")
                    .tag("route", route).tag("tier", "none").tag("model", "none").tag("outcome", e.code()), 1);
            throw e;
        }
    }

    private void recordAttempts(String route, List<Attempt> attempts) {
        for (Attempt attempt : attempts) {
            if (!attempt.succeeded()) {
                increment(Counter.builder("tiergate.upstream.errors").description("Failed upstream attempts")
                        .tag("route", route).tag("model", attempt.endpoint()).tag("status", attempt.status().name().toLowerCase()), 1);
            }
        }
    }

    private static Counter.Builder counter(String name, String description, String route, String tier, String model) {
        return Counter.builder(name).description(description).tag("route", route).tag("tier", tier).tag("model", model);
    }

    private void increment(Counter.Builder builder, double amount) {
        builder.register(registry).increment(amount);
    }
}
