package dev.tiergate.pipeline;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.dispatch.Cooldowns;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The production request path, assembled once for every host of it (the HTTP gateway, the evaluation harness):
 * providers, the dispatcher with its retries and cooldowns, and the gateway with routing, gates and escalation.
 * Hosts add their own outer stages (the server adds the ledger; the evaluation deliberately does not).
 */
public record RequestPath(ProviderRegistry providers, Dispatcher dispatcher) implements AutoCloseable {

    public static RequestPath of(TiergateConfig config, Function<ModelEndpoint, Provider> providerFactory) {
        ProviderRegistry providers = new ProviderRegistry(providerFactory);
        Dispatcher dispatcher = new Dispatcher(providers, new Cooldowns(config.cooldown(), Clock.systemUTC()),
                duration -> Thread.sleep(duration));
        return new RequestPath(providers, dispatcher);
    }

    /**
     * @param outer stages between metrics and routing, outermost first
     * @throws dev.tiergate.config.ConfigException when a route's gates or escalation settings are wrong
     */
    public Gateway gateway(TiergateConfig config, MeterRegistry registry, List<Interceptor> outer) {
        return new Gateway(config, dispatcher, registry, outer, List.of(EscalationStage.create(config, dispatcher, registry)));
    }

    @Override
    public void close() {
        providers.close();
    }
}
