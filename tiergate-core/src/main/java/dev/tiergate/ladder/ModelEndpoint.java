package dev.tiergate.ladder;

import dev.tiergate.config.RetryPolicy;
import dev.tiergate.config.Secret;
import dev.tiergate.config.Timeouts;
import dev.tiergate.pricing.Price;
import dev.tiergate.provider.ProviderKind;
import java.net.URI;
import java.util.Map;

/**
 * One configured model: a name the ladder refers to, resolved to a concrete upstream call.
 *
 * @param name        the config name ("cheap"), unique across the file
 * @param provider    wire protocol
 * @param model       the upstream model id sent to the provider ("gpt-5.4-nano")
 * @param baseUrl     API root; for Bedrock an optional endpoint override
 * @param apiKey      bearer / x-api-key credential (absent for Bedrock's credential chain)
 * @param region      AWS region (Bedrock only)
 * @param price       USD per 1M tokens, from the catalog or the config's {@code price:}
 * @param headers     extra headers sent upstream (for gateways such as OpenRouter)
 * @param awsAccessKeyId     optional static AWS credentials (Bedrock); the default chain otherwise
 * @param awsSecretAccessKey optional static AWS credentials (Bedrock)
 * @param missingEnv  environment variables this model needs but did not get (bundled default config only)
 */
public record ModelEndpoint(
        String name,
        ProviderKind provider,
        String model,
        URI baseUrl,
        Secret apiKey,
        String region,
        Price price,
        Timeouts timeouts,
        RetryPolicy retry,
        Map<String, String> headers,
        Secret awsAccessKeyId,
        Secret awsSecretAccessKey,
        java.util.List<String> missingEnv) {

    public ModelEndpoint {
        headers = Map.copyOf(headers);
        missingEnv = java.util.List.copyOf(missingEnv);
    }

    public boolean isConfigured() {
        return missingEnv.isEmpty();
    }
}
