package dev.tiergate.provider;

import dev.tiergate.ladder.ModelEndpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** One provider (with its connection pool) per configured model, created on first use and closed together. */
public final class ProviderRegistry implements Function<ModelEndpoint, Provider>, AutoCloseable {
    private final Function<ModelEndpoint, Provider> factory;
    private final Map<String, Provider> providers = new ConcurrentHashMap<>();

    public ProviderRegistry(Function<ModelEndpoint, Provider> factory) {
        this.factory = factory;
    }

    @Override
    public Provider apply(ModelEndpoint endpoint) {
        return providers.computeIfAbsent(endpoint.name(), name -> factory.apply(endpoint));
    }

    @Override
    public void close() {
        providers.values().forEach(Provider::close);
        providers.clear();
    }
}
