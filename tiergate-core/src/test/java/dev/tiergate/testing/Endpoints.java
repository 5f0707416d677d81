package dev.tiergate.testing;

import dev.tiergate.config.RetryPolicy;
import dev.tiergate.config.Secret;
import dev.tiergate.config.Timeouts;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pricing.Price;
import dev.tiergate.provider.ProviderKind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Test endpoints with explicit prices and fast retries. */
public final class Endpoints {
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));

    private Endpoints() {}

    public static ModelEndpoint openai(String name, String model, String baseUrl, Price price) {
        return new ModelEndpoint(name, ProviderKind.OPENAI, model, URI.create(baseUrl), new Secret("sk-test"), null, price,
                new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)), FAST_RETRY, Map.of(),
                Secret.NONE, Secret.NONE, List.of());
    }

    public static ModelEndpoint scripted(String name, Price price) {
        return openai(name, name + "-model", "http://127.0.0.1:9", price);
    }
}
