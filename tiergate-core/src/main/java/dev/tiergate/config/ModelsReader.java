package dev.tiergate.config;

import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pricing.Price;
import dev.tiergate.pricing.PriceCatalog;
import dev.tiergate.provider.ProviderKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads {@code models:}: provider, upstream id, credentials, price (catalog or override) and limits. */
final class ModelsReader {
    private static final Set<String> KEYS = Set.of("name", "provider", "model", "base_url", "api_key", "region", "price",
            "timeouts", "retry", "headers", "aws_access_key_id", "aws_secret_access_key");
    private static final Map<ProviderKind, String> DEFAULT_BASE_URL = Map.of(
            ProviderKind.OPENAI, "https://api.openai.com/v1",
            ProviderKind.ANTHROPIC, "https://api.anthropic.com");

    private final PriceCatalog catalog;
    private final Defaults defaults;
    /** field path → env variable that was missing (lenient mode only). */
    private final Map<String, String> missingEnv;

    ModelsReader(PriceCatalog catalog, Defaults defaults, Map<String, String> missingEnv) {
        this.catalog = catalog;
        this.defaults = defaults;
        this.missingEnv = missingEnv;
    }

    List<ModelEndpoint> read(ConfigNode node) {
        if (!node.present() || !node.node().isArray() || node.node().isEmpty()) {
            throw node.error("no models are defined",
                    "add at least one, e.g. models: [{name: cheap, provider: openai, model: gpt-5.4-nano, api_key: \"${OPENAI_API_KEY}\"}]");
        }
        List<ModelEndpoint> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode entry : node.elements()) {
            ModelEndpoint model = model(entry.onlyKeys(KEYS));
            if (!names.add(model.name())) {
                throw entry.get("name").error("model '" + model.name() + "' is defined twice", "give each model its own name");
            }
            models.add(model);
        }
        return models;
    }

    private ModelEndpoint model(ConfigNode entry) {
        String name = entry.get("name").requiredString();
        ConfigNode providerNode = entry.get("provider");
        String providerName = providerNode.requiredString();
        ProviderKind provider = ProviderKind.fromConfig(providerName).orElseThrow(() -> providerNode.error(
                "unknown provider '" + providerName + "'",
                "use one of " + Arrays.stream(ProviderKind.values()).map(ProviderKind::configName).collect(Collectors.joining(", "))));
        ConfigNode modelNode = entry.get("model");
        String upstream = modelNode.requiredString();
        Price price = price(entry.get("price"), modelNode, upstream);

        String base = entry.get("base_url").string(DEFAULT_BASE_URL.get(provider));
        URI baseUrl = base == null ? null : uri(entry.get("base_url"), base);
        String apiKey = entry.get("api_key").string("");
        if (provider != ProviderKind.BEDROCK && apiKey.isEmpty() && isHostedApi(baseUrl) && !missing(entry, "api_key")) {
            throw entry.get("api_key").error("is required for " + baseUrl.getHost(),
                    "add api_key: \"${" + (provider == ProviderKind.ANTHROPIC ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY") + "}\"");
        }
        if (provider != ProviderKind.BEDROCK && entry.get("region").present()) {
            throw entry.get("region").error("region only applies to provider bedrock", "remove it");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ConfigNode headerNode = entry.get("headers");
        if (headerNode.present()) {
            headerNode.node().fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        }
        List<String> missing = missingEnv.entrySet().stream()
                .filter(e -> e.getKey().startsWith(entry.path() + "."))
                .map(Map.Entry::getValue).distinct().toList();
        return new ModelEndpoint(name, provider, upstream, baseUrl, new Secret(apiKey),
                entry.get("region").string(provider == ProviderKind.BEDROCK ? "us-east-1" : null),
                price,
                SectionReaders.timeouts(entry.get("timeouts"), defaults.timeouts()),
                SectionReaders.retry(entry.get("retry"), defaults.retry()),
                headers,
                new Secret(entry.get("aws_access_key_id").string("")),
                new Secret(entry.get("aws_secret_access_key").string("")),
                missing);
    }

    private Price price(ConfigNode priceNode, ConfigNode modelNode, String upstream) {
        if (priceNode.present()) {
            priceNode.onlyKeys(Set.of("input", "output", "cached_input"));
            double input = priceNode.get("input").number(Double.NaN, 0, 10_000);
            double output = priceNode.get("output").number(Double.NaN, 0, 10_000);
            if (Double.isNaN(input) || Double.isNaN(output)) {
                throw priceNode.error("needs both input and output (USD per 1M tokens)", "write price: {input: 0.15, output: 0.60}");
            }
            return new Price(input, output, priceNode.get("cached_input").number(input, 0, 10_000));
        }
        return catalog.lookup(upstream).orElseThrow(() -> modelNode.error(
                "unknown model '" + upstream + "': it is not in the bundled price catalog",
                "check the model id, or give its price: price: {input: <USD per 1M>, output: <USD per 1M>}"));
    }

    private boolean missing(ConfigNode entry, String key) {
        return missingEnv.containsKey(entry.path() + "." + key);
    }

    private static boolean isHostedApi(URI baseUrl) {
        if (baseUrl == null || baseUrl.getHost() == null) {
            return false;
        }
        String host = baseUrl.getHost();
        return host.equals("api.openai.com") || host.equals("api.anthropic.com");
    }

    private static URI uri(ConfigNode node, String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw node.error("'" + text + "' is not an http(s) URL", "write e.g. base_url: http://127.0.0.1:11434/v1");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw node.error("'" + text + "' is not a valid URL", "write e.g. base_url: http://127.0.0.1:11434/v1");
        }
    }
}
