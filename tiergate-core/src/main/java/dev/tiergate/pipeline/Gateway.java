package dev.tiergate.pipeline;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.config.RouteConfig;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.provider.CallContext;
import dev.tiergate.router.FixedRouter;
import dev.tiergate.router.RouterFactory;
import dev.tiergate.telemetry.MetricsStage;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request path as a library: resolves what {@code model} names, then runs the interceptor chain
 * (metrics → [extra stages] → routing → dispatch). The HTTP server is a thin shell around this.
 */
public final class Gateway {
    private final TiergateConfig config;
    private final Map<String, Target> targets;
    private final List<Interceptor> interceptors;

    /**
     * @param extraStages stages placed between metrics and routing (ledger, gates, escalation...), outermost first
     * @param innerStages stages placed between routing and dispatch (escalation, gates), outermost first
     */
    public Gateway(TiergateConfig config, Dispatcher dispatcher, MeterRegistry registry,
                   List<Interceptor> extraStages, List<Interceptor> innerStages) {
        this.config = config;
        this.targets = resolveTargets(config);
        List<Interceptor> chain = new ArrayList<>();
        chain.add(new MetricsStage(registry, config.ladder()));
        chain.addAll(extraStages);
        chain.add(new RoutingStage(config.ladder(), registry));
        chain.addAll(innerStages);
        chain.add(new DispatchStage(config.ladder(), dispatcher));
        this.interceptors = List.copyOf(chain);
    }

    public GatewayResult handle(ChatRequest request, RequestMeta meta, CallContext context, StreamListener sink) {
        Target target = target(request.model());
        Exchange exchange = new Exchange(request, target, null, meta, context, sink);
        return new InterceptorChain(interceptors, 0, exchange).proceed(exchange);
    }

    /** Resolves a {@code model} value or fails with OpenAI's model_not_found. */
    public Target target(String model) {
        Target target = targets.get(model);
        if (target == null) {
            throw GatewayException.modelNotFound(model, List.copyOf(targets.keySet()));
        }
        return target;
    }

    /** Everything a client may send as {@code model}: routes first, then tiers, then single models. */
    public Map<String, Target> targets() {
        return targets;
    }

    public TiergateConfig config() {
        return config;
    }

    public Ladder ladder() {
        return config.ladder();
    }

    private static Map<String, Target> resolveTargets(TiergateConfig config) {
        Ladder ladder = config.ladder();
        Map<String, Target> targets = new LinkedHashMap<>();
        for (RouteConfig route : config.routes()) {
            targets.put(route.name(), new Target(route.name(), Target.Kind.ROUTE, RouterFactory.create(route, ladder),
                    Optional.empty(), Optional.of(route)));
        }
        for (Tier tier : ladder.tiers()) {
            targets.putIfAbsent(tier.name(), new Target(tier.name(), Target.Kind.TIER,
                    new FixedRouter(tier.index(), "tier " + tier.name() + " requested"), Optional.empty(), Optional.empty()));
        }
        for (ModelEndpoint model : config.models()) {
            ladder.tierOf(model.name()).ifPresent(tier -> targets.putIfAbsent(model.name(), new Target(model.name(), Target.Kind.MODEL,
                    new FixedRouter(tier.index(), "model " + model.name() + " requested"), Optional.of(model.name()), Optional.empty())));
        }
        return java.util.Collections.unmodifiableMap(targets);
    }
}
