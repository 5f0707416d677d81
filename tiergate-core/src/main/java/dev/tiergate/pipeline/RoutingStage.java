package dev.tiergate.pipeline;

import dev.tiergate.ladder.Ladder;
import dev.tiergate.router.RoutingDecision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;

/** Stage 1: the target's router picks a tier, timed, before any model is called. */
public final class RoutingStage implements Interceptor {
    private final Ladder ladder;
    private final MeterRegistry registry;

    public RoutingStage(Ladder ladder, MeterRegistry registry) {
        this.ladder = ladder;
        this.registry = registry;
    }

    @Override
    public GatewayResult intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        long start = System.nanoTime();
        Map<String, String> headers = exchange.meta() == null ? Map.of() : exchange.meta().headers();
        RoutingDecision decision = exchange.target().router().decide(exchange.request(), headers, ladder);
        Timer.builder("tiergate.router.decision")
                .description("Time the router takes to pick a tier")
                .tag("strategy", decision.strategy())
                .register(registry)
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        return chain.proceed(exchange.withDecision(decision));
    }
}
