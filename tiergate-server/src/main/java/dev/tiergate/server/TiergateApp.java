package dev.tiergate.server;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ledger.GateReader;
import dev.tiergate.ledger.Ledger;
import dev.tiergate.ledger.shadow.ShadowCaller;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.pipeline.RequestPath;
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
    private final Ledger ledger;

    private TiergateApp(ProviderRegistry providers, Gateway gateway, GatewayServer server, Ledger ledger) {
        this.providers = providers;
        this.ledger = ledger;
        this.gateway = gateway;
        this.server = server;
    }

    /** @throws dev.tiergate.config.ConfigException when a route's gates or escalation settings are wrong */
    public static TiergateApp start(TiergateConfig config, Function<ModelEndpoint, Provider> providerFactory) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RequestPath path = RequestPath.of(config, providerFactory);
        // the ledger starts last: it owns a writer thread and a database connection that a failed start must close
        Ledger ledger = Ledger.start(config, ShadowCaller.of(path.dispatcher()), GateReader.FROM_ATTEMPT, registry, Clock.systemUTC());
        Gateway gateway;
        GatewayServer server;
        try {
            gateway = path.gateway(config, registry, List.of(ledger.stage()));
            server = new GatewayServer(gateway, registry, ledger.reports()).start();
        } catch (RuntimeException e) {
            ledger.close();
            path.close();
            throw e;
        }
        return new TiergateApp(path.providers(), gateway, server, ledger);
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

    public Ledger ledger() {
        return ledger;
    }

    /** Stops taking requests, then flushes the ledger (it may still make shadow calls), then closes the upstreams. */
    @Override
    public void close() {
        server.close();
        ledger.close();
        providers.close();
    }
}
