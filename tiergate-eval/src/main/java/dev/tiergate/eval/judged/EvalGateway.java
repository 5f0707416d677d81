package dev.tiergate.eval.judged;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.pipeline.RequestPath;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.function.Function;

/**
 * The production request path without the HTTP shell, wired like {@code TiergateApp}: the same router, gates,
 * escalation and dispatcher (retries, failover, cooldown), so the routed pass answers exactly as the gateway
 * would. Two deliberate differences: no ledger stage (eval traffic must not show up in the savings ledger, nor
 * trigger shadow calls), and every provider is wrapped in the eval's rate limits.
 */
final class EvalGateway implements AutoCloseable {
    private final ProviderRegistry providers;
    private final Dispatcher dispatcher;
    private final Gateway gateway;

    private EvalGateway(ProviderRegistry providers, Dispatcher dispatcher, Gateway gateway) {
        this.providers = providers;
        this.dispatcher = dispatcher;
        this.gateway = gateway;
    }

    /** @throws dev.tiergate.config.ConfigException when a route's gates or escalation settings are wrong */
    static EvalGateway create(TiergateConfig config, Function<ModelEndpoint, Provider> providerFactory, RateLimits limits) {
        RequestPath path = RequestPath.of(config,
                endpoint -> new RateLimitedProvider(providerFactory.apply(endpoint), endpoint.name(), limits));
        Gateway gateway = path.gateway(config, new SimpleMeterRegistry(), List.of());
        return new EvalGateway(path.providers(), path.dispatcher(), gateway);
    }

    Gateway gateway() {
        return gateway;
    }

    /** For the baseline and judge calls, which must reach one named model. */
    Dispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() {
        providers.close();
    }
}
