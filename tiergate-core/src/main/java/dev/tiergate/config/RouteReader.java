package dev.tiergate.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.ladder.Ladder;
import java.util.Set;

/**
 * Reads one entry of {@code routes:}; strategy-specific keys stay in {@link RouteConfig#raw()}. The escalation keys
 * ({@code gates}, {@code max_escalations}, {@code on_failure}, {@code band}) and {@code rules} are checked here for
 * shape so that mistakes stop start-up; each gate's own options are checked when the gates are built.
 */
final class RouteReader {
    static final Set<String> STRATEGIES = Set.of("fixed", "length", "random", "complexity", "classifier", "cascade", "rules");
    static final Set<String> ON_FAILURE = Set.of("best_effort", "fail");
    private static final Set<String> KEYS = Set.of("name", "strategy", "threshold", "tier", "model", "reference_models",
            "min_tokens", "max_tokens", "seed", "gates", "max_escalations", "on_failure", "rules", "band", "fallback",
            "description");

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
        escalation(entry, strategy);
        rules(entry, strategy, ladder);
        return new RouteConfig(name, strategy, threshold, tier, (ObjectNode) entry.node());
    }

    private static void escalation(ConfigNode entry, String strategy) {
        ConfigNode gates = entry.get("gates");
        if (gates.present() && !gates.node().isArray()) {
            throw gates.error("expected a list of gates", "write gates: [json, {type: min_length, chars: 20}]");
        }
        if ("cascade".equals(strategy) && (!gates.present() || gates.node().isEmpty())) {
            throw entry.get("strategy").error("a cascade route needs gates: they decide when to climb to the next tier",
                    "add gates: [refusal, {type: min_length, chars: 20}] (or use strategy: fixed)");
        }
        entry.get("max_escalations").integer(0, 0, 20);
        String onFailure = entry.get("on_failure").string("best_effort");
        if (!ON_FAILURE.contains(onFailure)) {
            throw entry.get("on_failure").error("unknown on_failure '" + onFailure + "'",
                    "use best_effort (answer anyway, with an x-tiergate-gate: failed header) or fail (HTTP 422)");
        }
        entry.get("band").number(0, 0, 1_000_000);
    }

    private static void rules(ConfigNode entry, String strategy, Ladder ladder) {
        boolean isRules = "rules".equals(strategy);
        if (!isRules && entry.get("rules").present()) {
            throw entry.get("rules").error("rules only apply to strategy: rules", "set strategy: rules or remove rules:");
        }
        ConfigNode fallback = entry.get("fallback");
        if (!isRules && fallback.present()) {
            throw fallback.error("fallback only applies to strategy: rules", "set strategy: rules or remove fallback:");
        }
        if (!isRules) {
            return;
        }
        RouteRules.read(entry.get("rules"), ladder);
        String fallbackStrategy = fallback.string("fixed");
        if (!"fixed".equals(fallbackStrategy) && !RouteRules.RULE_STRATEGIES.contains(fallbackStrategy)) {
            throw fallback.error("a rules route cannot fall back to strategy '" + fallbackStrategy + "'",
                    "use fixed (with tier:) or one of " + RouteRules.RULE_STRATEGIES.stream().sorted().toList());
        }
    }
}
