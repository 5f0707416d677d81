package dev.tiergate.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The bundled rate card of current public models, keyed by upstream model id. */
public final class PriceCatalog {
    private static final Pattern REGION_PREFIX = Pattern.compile("^(us|eu|apac|global|us-gov|jp|au)\\.");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("(-\\d{8})?(-v\\d+(:\\d+)?)?$");

    private final Map<String, Price> prices;

    public PriceCatalog(Map<String, Price> prices) {
        this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }

    public static PriceCatalog bundled() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream("/dev/tiergate/prices.yaml")) {
            if (in == null) {
                throw new IllegalStateException("prices.yaml is missing from the jar");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, Price> prices = new LinkedHashMap<>();
            root.fields().forEachRemaining(vendor -> vendor.getValue().fields()
                    .forEachRemaining(model -> prices.put(model.getKey(), parse(model.getValue()))));
            return new PriceCatalog(prices);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled price catalog", e);
        }
    }

    /** Reads {@code {input, output, cached_input}}; cached input defaults to the input price. */
    public static Price parse(JsonNode node) {
        double input = node.path("input").asDouble();
        return new Price(input, node.path("output").asDouble(), node.path("cached_input").asDouble(input));
    }

    /** Exact id first, then without a Bedrock region prefix and without date or version suffixes. */
    public Optional<Price> lookup(String modelId) {
        if (modelId == null) {
            return Optional.empty();
        }
        String id = modelId.toLowerCase(Locale.ROOT);
        Price exact = prices.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        String unprefixed = REGION_PREFIX.matcher(id).replaceFirst("");
        String bare = VERSION_SUFFIX.matcher(unprefixed).replaceFirst("");
        return Optional.ofNullable(prices.get(unprefixed)).or(() -> Optional.ofNullable(prices.get(bare)));
    }

    public Map<String, Price> all() {
        return prices;
    }
}
