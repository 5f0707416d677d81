package dev.tiergate.server;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.dispatch.Cooldowns;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.pipeline.Interceptor;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** Wires config, providers, the gateway and the HTTP server into one running instance. */
public final class TiergateApp implements AutoCloseable {
    private final ProviderRegistry providers;
    private final GatewayServer server;
    private final Gateway gateway;

    private TiergateApp(ProviderRegistry providers, Gateway gateway, GatewayServer server) {
        this.providers = providers;
        this.gateway = gateway;
        this.server = server;
    }

    public static TiergateApp start(TiergateConfig config, Function<ModelEndpoint, Provider> providerFactory) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProviderRegistry providers = new ProviderRegistry(providerFactory);
        Dispatcher dispatcher = new Dispatcher(providers, new Cooldowns(config.cooldown(), Clock.systemUTC()),
                duration -> Thread.sleep(duration));
        List<Interceptor> outer = List.of();
        List<Interceptor> inner = List.of();
        Gateway gateway = new Gateway(config, dispatcher, registry, outer, inner);
        GatewayServer server = new GatewayServer(gateway, registry).start();
        return new TiergateApp(providers, gateway, server);
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://" + gateway.config().server().host() + ":" + port();
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        server.close();
        providers.close();
    }
}
