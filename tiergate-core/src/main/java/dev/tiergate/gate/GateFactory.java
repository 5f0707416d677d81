package dev.tiergate.gate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tiergate.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Builds a route's gates from its {@code gates:} list. An entry is a bare type ({@code json}) or a mapping with
 * {@code type:}, the type's options and an optional {@code tiers:} list. Types are the built-ins below, then
 * whatever {@link GateProvider}s are installed ({@link ServiceLoader}); built-in names always win.
 */
public final class GateFactory {
    public static final List<String> BUILT_IN = List.of(JsonGate.TYPE, JsonSchemaGate.TYPE, RegexGate.TYPE, ContainsGate.TYPE,
            MinLengthGate.TYPE, MaxLengthGate.TYPE, RefusalGate.TYPE, ToolCallGate.TYPE, SelfGradeGate.TYPE, ConfidenceGate.TYPE);

    private final Set<String> models;
    private final Map<String, GateProvider> custom = new LinkedHashMap<>();

    /**
     * @param models    names under {@code models:}, which judge gates may call
     * @param providers custom gate types; the first provider of a type wins
     */
    public GateFactory(Set<String> models, Iterable<GateProvider> providers) {
        this.models = Set.copyOf(models);
        for (GateProvider provider : providers) {
            if (!BUILT_IN.contains(provider.type())) {
                custom.putIfAbsent(provider.type(), provider);
            }
        }
    }

    /** With the custom gates found on the classpath. */
    public static GateFactory withInstalledProviders(Set<String> models) {
        return new GateFactory(models, ServiceLoader.load(GateProvider.class));
    }

    /** @param tiers the ladder's tier names, which {@code tiers:} may list */
    public List<ConfiguredGate> read(ConfigValue gates, Set<String> tiers) {
        if (!gates.present()) {
            return List.of();
        }
        if (!gates.isList()) {
            throw gates.error("expected a list of gates", "write gates: [json, {type: min_length, chars: 20}]");
        }
        List<ConfiguredGate> result = new ArrayList<>();
        for (ConfigValue entry : gates.elements()) {
            result.add(one(entry, tiers));
        }
        return result;
    }

    private ConfiguredGate one(ConfigValue entry, Set<String> tiers) {
        String type;
        ConfigValue options;
        if (entry.isMapping()) {
            type = entry.get("type").requiredString();
            options = entry;
        } else {
            type = entry.requiredString();
            options = ConfigValue.of(JsonNodeFactory.instance.objectNode(), entry.path(), entry.file());
        }
        Gate gate = switch (type) {
            case JsonGate.TYPE -> JsonGate.read(options);
            case JsonSchemaGate.TYPE -> JsonSchemaGate.read(options);
            case RegexGate.TYPE -> RegexGate.read(options);
            case ContainsGate.TYPE -> ContainsGate.read(options);
            case MinLengthGate.TYPE -> MinLengthGate.read(options);
            case MaxLengthGate.TYPE -> MaxLengthGate.read(options);
            case RefusalGate.TYPE -> RefusalGate.read(options);
            case ToolCallGate.TYPE -> ToolCallGate.read(options);
            case SelfGradeGate.TYPE -> SelfGradeGate.read(options, models);
            case ConfidenceGate.TYPE -> ConfidenceGate.read(options);
            default -> custom(type, entry, options);
        };
        return new ConfiguredGate(gate, tierScope(options.get("tiers"), tiers));
    }

    private Gate custom(String type, ConfigValue entry, ConfigValue options) {
        GateProvider provider = custom.get(type);
        if (provider == null) {
            List<String> known = new ArrayList<>(BUILT_IN);
            known.addAll(custom.keySet());
            ConfigValue where = entry.isMapping() ? entry.get("type") : entry;
            throw where.error("unknown gate type '" + type + "'",
                    "use one of " + String.join(", ", known) + ", or install a dev.tiergate.gate.GateProvider for it");
        }
        return provider.create(options);
    }

    private static Set<String> tierScope(ConfigValue node, Set<String> tiers) {
        Set<String> scope = new LinkedHashSet<>(node.strings());
        for (String tier : scope) {
            if (!tiers.contains(tier)) {
                throw node.error("no tier named '" + tier + "'", "use tier names from the ladder: " + tiers);
            }
        }
        if (node.present() && scope.isEmpty()) {
            throw node.error("an empty tiers: list would switch the gate off", "list tiers, or remove tiers: to check every tier");
        }
        return scope;
    }
}
