package dev.tiergate.pipeline;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.gate.GateFactory;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.ModelEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stage 3, between routing and dispatch: for routes with gates (or {@code max_escalations}), proceeds at the decided
 * tier, runs the route's gates on the answer and climbs the ladder until one passes; see {@link Escalation}.
 * Requests for a tier or a model by name, and routes without a policy, pass straight through.
 */
public final class EscalationStage implements Interceptor {
    private final Ladder ladder;
    private final Map<String, EscalationPolicy> policies;
    private final Dispatcher dispatcher;
    private final Map<String, ModelEndpoint> models;
    private final MeterRegistry registry;

    public EscalationStage(Ladder ladder, Map<String, EscalationPolicy> policies, Dispatcher dispatcher,
                           Map<String, ModelEndpoint> models, MeterRegistry registry) {
        this.ladder = ladder;
        this.policies = Map.copyOf(policies);
        this.dispatcher = dispatcher;
        this.models = Map.copyOf(models);
        this.registry = registry;
    }

    /**
     * The stage for a loaded config, with the custom gates installed on the classpath.
     *
     * @throws dev.tiergate.config.ConfigException for a mistake in a route's gates or escalation settings
     */
    public static EscalationStage create(TiergateConfig config, Dispatcher dispatcher, MeterRegistry registry) {
        Map<String, ModelEndpoint> models = config.models().stream()
                .collect(Collectors.toMap(ModelEndpoint::name, m -> m, (a, b) -> a, LinkedHashMap::new));
        GateFactory gates = GateFactory.withInstalledProviders(models.keySet());
        return new EscalationStage(config.ladder(), EscalationPolicies.read(config, gates), dispatcher, models, registry);
    }

    @Override
    public GatewayResult intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        EscalationPolicy policy = exchange.target().kind() == Target.Kind.ROUTE ? policies.get(exchange.target().name()) : null;
        if (policy == null) {
            return chain.proceed(exchange);
        }
        DispatchModelCaller judges = new DispatchModelCaller(dispatcher, models, exchange.context());
        return new Escalation(chain, policy, ladder, judges, new EscalationMetrics(registry, exchange.target().name())).run();
    }

    /** Route names that escalate, for start-up banners and tests. */
    public Map<String, EscalationPolicy> policies() {
        return policies;
    }
}
