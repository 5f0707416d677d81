package dev.tiergate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A read-only view of one field of {@code tiergate.yaml} for code outside this package (gates, custom gate
 * providers) that reads strategy-specific settings from {@link RouteConfig#raw()}. It reports mistakes exactly
 * like the loader does, naming the file and the field's full path, so a typo in a gate's options reads the
 * same as a typo anywhere else.
 */
public final class ConfigValue {
    private final ConfigNode node;

    private ConfigValue(ConfigNode node) {
        this.node = node;
    }

    /** The entry of {@code route} in {@code config}'s {@code routes:} list, with its real path ("routes[2]"). */
    public static ConfigValue routeEntry(TiergateConfig config, RouteConfig route) {
        int index = config.routes().indexOf(route);
        String path = index < 0 ? "routes." + route.name() : "routes[" + index + "]";
        return new ConfigValue(new ConfigNode(route.raw(), path, config.source()));
    }

    /** Any tree, e.g. in tests or for a custom gate's own file; {@code path} prefixes every field name. */
    public static ConfigValue of(JsonNode node, String path, String file) {
        return new ConfigValue(new ConfigNode(node, path, file));
    }

    public ConfigValue get(String key) {
        return new ConfigValue(node.get(key));
    }

    public List<ConfigValue> elements() {
        return node.elements().stream().map(ConfigValue::new).toList();
    }

    public ConfigValue at(int index) {
        return new ConfigValue(node.at(index));
    }

    /** The keys of a mapping, in file order; empty for anything else. */
    public List<String> keys() {
        return node.keys();
    }

    public boolean present() {
        return node.present();
    }

    public boolean isList() {
        return node.node().isArray();
    }

    public boolean isMapping() {
        return node.node().isObject();
    }

    /** The underlying JSON, for values such as an inline JSON Schema that are passed on whole. */
    public JsonNode node() {
        return node.node();
    }

    public String path() {
        return node.path();
    }

    public String file() {
        return node.file();
    }

    public ConfigException error(String problem, String fix) {
        return node.error(problem, fix);
    }

    public ConfigValue onlyKeys(Set<String> allowed) {
        node.onlyKeys(allowed);
        return this;
    }

    public String requiredString() {
        return node.requiredString();
    }

    public String string(String fallback) {
        return node.string(fallback);
    }

    public int integer(int fallback, int min, int max) {
        return node.integer(fallback, min, max);
    }

    public double number(double fallback, double min, double max) {
        return node.number(fallback, min, max);
    }

    public boolean bool(boolean fallback) {
        return node.bool(fallback);
    }

    public Duration duration(Duration fallback) {
        return node.duration(fallback);
    }

    /** A single string or a list of strings ("a" or [a, b]); empty when absent. */
    public List<String> strings() {
        if (!present()) {
            return List.of();
        }
        if (!isList()) {
            return List.of(requiredString());
        }
        return elements().stream().map(ConfigValue::requiredString).toList();
    }
}
