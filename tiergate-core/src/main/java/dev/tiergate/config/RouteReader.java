package dev.tiergate.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.ladder.Ladder;
import java.util.Set;

/** Reads one entry of {@code routes:}; strategy-specific keys stay in {@link RouteConfig#raw()}. */
final class RouteReader {
    static final Set<String> STRATEGIES = Set.of("fixed", "length", "random", "complexity", "classifier");
    private static final Set<String> KEYS = Set.of("name", "strategy", "threshold", "tier", "model",
            "min_tokens", "max_tokens", "seed", "gates", "max_escalations", "on_failure", "rules", "band", "description");

    private RouteReader() {}

    static RouteConfig read(ConfigNode entry, Ladder ladder) {
        entry.onlyKeys(KEYS);
        String name = entry.get("name").requiredString();
        ConfigNode strategyNode = entry.get("strategy");
        String strategy = strategyNode.string("fixed");
        if (!STRATEGIES.contains(strategy)) {
            throw strategyNode.error("unknown strategy '" + strategy + "'", "use one of " + String.join(", ", STRATEGIES.stream().sorted().toList()));
        }
        ConfigNode tierNode = entry.get("tier");
        String tier = tierNode.string(null);
        if (tier != null && ladder.byName(tier).isEmpty()) {
            throw tierNode.error("no tier named '" + tier + "'", "use one of " + ladder.tiers().stream().map(t -> t.name()).toList());
        }
        double threshold = entry.get("threshold").number(Double.NaN, 0, 1_000_000);
        return new RouteConfig(name, strategy, threshold, tier, (ObjectNode) entry.node());
    }
}
