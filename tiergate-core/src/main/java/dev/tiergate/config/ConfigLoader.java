package dev.tiergate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.pricing.PriceCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code tiergate.yaml}: env interpolation, then strict validation in which every mistake names the file,
 * the field and the fix. Section parsing is delegated to one small reader per section.
 */
public final class ConfigLoader {
    public static final String DEFAULT_FILE = "tiergate.yaml";
    public static final String BUNDLED = "bundled default";
    static final Set<String> TOP_LEVEL_KEYS =
            Set.of("server", "auth", "defaults", "models", "ladder", "routes", "ledger", "shadow", "drift", "gates");

    private final Function<String, String> env;
    private final PriceCatalog catalog;

    public ConfigLoader(Function<String, String> env, PriceCatalog catalog) {
        this.env = env;
        this.catalog = catalog;
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System::getenv, PriceCatalog.bundled());
    }

    public TiergateConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "", "file not found", "pass an existing file with --config, or run without it to use the bundled default");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "cannot be read: " + e.getMessage(), "check the file's permissions");
        }
        return parse(text, file.toString(), false);
    }

    /** The built-in ladder used when there is no config file; missing keys are collected, not fatal. */
    public TiergateConfig bundledDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/dev/tiergate/default-tiergate.yaml")) {
            if (in == null) {
                throw new IllegalStateException("default-tiergate.yaml is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TiergateConfig parse(String yaml, String source, boolean lenientEnv) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new ConfigException(source, "", where + "not valid YAML: " + e.getOriginalMessage(), "fix the YAML syntax");
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source, "", "is empty or not a mapping", "start from the example in the README");
        }
        EnvInterpolator interpolator = new EnvInterpolator(env, source, lenientEnv);
        ObjectNode interpolated = (ObjectNode) interpolator.interpolate(tree, "");
        ConfigNode root = new ConfigNode(interpolated, "", source).onlyKeys(TOP_LEVEL_KEYS);

        ServerConfig server = SectionReaders.server(root.get("server"));
        AuthConfig auth = SectionReaders.auth(root.get("auth"), env);
        Defaults defaults = SectionReaders.defaults(root.get("defaults"));
        List<ModelEndpoint> models = new ModelsReader(catalog, defaults, interpolator.missing()).read(root.get("models"));
        Ladder ladder = ladder(root.get("ladder"), models);
        List<RouteConfig> routes = routes(root.get("routes"), ladder, models);
        return new TiergateConfig(source, BUNDLED.equals(source), server, auth, defaults.cooldown(), models, ladder, routes, interpolated);
    }

    /** Entries are a model name, a list of model names (one tier, several models), or {tier, models, balance}. */
    private static Ladder ladder(ConfigNode node, List<ModelEndpoint> models) {
        if (!node.present() || !node.node().isArray() || node.node().isEmpty()) {
            throw node.error("the ladder is empty", "list model names cheapest first, e.g. ladder: [cheap, mid, frontier]");
        }
        Map<String, ModelEndpoint> byName = new java.util.LinkedHashMap<>();
        models.forEach(m -> byName.put(m.name(), m));
        List<Tier> tiers = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (ConfigNode entry : node.elements()) {
            String tierName;
            ConfigNode names;
            Tier.Balance balance = Tier.Balance.FAILOVER;
            if (entry.node().isObject()) {
                entry.onlyKeys(Set.of("tier", "models", "balance"));
                tierName = entry.get("tier").requiredString();
                names = entry.get("models");
                String mode = entry.get("balance").string("failover");
                balance = switch (mode) {
                    case "failover" -> Tier.Balance.FAILOVER;
                    case "round_robin" -> Tier.Balance.ROUND_ROBIN;
                    default -> throw entry.get("balance").error("unknown balance '" + mode + "'", "use failover or round_robin");
                };
            } else {
                names = entry;
                tierName = entry.node().isArray() ? entry.node().path(0).asText() : entry.node().asText();
            }
            List<ModelEndpoint> tierModels = new ArrayList<>();
            List<ConfigNode> nameNodes = names.node().isArray() ? names.elements() : List.of(names);
            for (ConfigNode nameNode : nameNodes) {
                String name = nameNode.requiredString();
                ModelEndpoint model = byName.get(name);
                if (model == null) {
                    throw nameNode.error("no model named '" + name + "'", "define it under models: or use one of " + byName.keySet());
                }
                if (!used.add(name)) {
                    throw nameNode.error("model '" + name + "' is on the ladder twice", "put each model on one tier");
                }
                tierModels.add(model);
            }
            if (tierModels.isEmpty()) {
                throw entry.error("the tier has no models", "list at least one model name");
            }
            tiers.add(new Tier(tiers.size(), tierName, tierModels, balance));
        }
        return new Ladder(tiers);
    }

    private static List<RouteConfig> routes(ConfigNode node, Ladder ladder, List<ModelEndpoint> models) {
        List<RouteConfig> routes = new ArrayList<>();
        if (!node.present()) {
            return routes;
        }
        if (!node.node().isArray()) {
            throw node.error("expected a list of routes", "write routes: [{name: auto, strategy: classifier, threshold: 0.5}]");
        }
        Set<String> taken = new HashSet<>();
        models.forEach(m -> taken.add(m.name()));
        ladder.tiers().forEach(t -> taken.add(t.name()));
        Set<String> routeNames = new HashSet<>();
        for (ConfigNode entry : node.elements()) {
            RouteConfig route = RouteReader.read(entry, ladder);
            if (!routeNames.add(route.name())) {
                throw entry.get("name").error("route '" + route.name() + "' is defined twice", "give each route its own name");
            }
            if (taken.contains(route.name())) {
                throw entry.get("name").error("route '" + route.name() + "' has the same name as a model or tier",
                        "rename the route: clients select routes, tiers and models by this name");
            }
            routes.add(route);
        }
        return routes;
    }
}
