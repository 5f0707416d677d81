package dev.tiergate.pipeline;

import dev.tiergate.config.ConfigValue;
import dev.tiergate.config.RouteConfig;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.gate.ConfidenceGate;
import dev.tiergate.gate.ConfiguredGate;
import dev.tiergate.gate.GateFactory;
import dev.tiergate.ladder.Tier;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads each route's {@code gates}, {@code max_escalations}, {@code on_failure} and {@code band} into an
 * {@link EscalationPolicy}. Routes with neither gates nor {@code max_escalations} get none and pass through the
 * escalation stage untouched. Mistakes are {@link dev.tiergate.config.ConfigException}s naming the field.
 */
public final class EscalationPolicies {
    private EscalationPolicies() {}

    /** Route name → policy, for the routes that have one. */
    public static Map<String, EscalationPolicy> read(TiergateConfig config, GateFactory gates) {
        Set<String> tiers = new LinkedHashSet<>(config.ladder().tiers().stream().map(Tier::name).toList());
        Map<String, EscalationPolicy> policies = new LinkedHashMap<>();
        for (RouteConfig route : config.routes()) {
            ConfigValue entry = ConfigValue.routeEntry(config, route);
            List<ConfiguredGate> routeGates = gates.read(entry.get("gates"), tiers);
            if (routeGates.isEmpty() && !entry.get("max_escalations").present()) {
                if (entry.get("band").present()) {
                    throw entry.get("band").error("band needs a confidence gate to decide within it", "add gates: [{type: confidence, threshold: -0.3}]");
                }
                continue;
            }
            int maxEscalations = entry.get("max_escalations").integer(config.ladder().size() - 1, 0, 20);
            EscalationPolicy.OnFailure onFailure = "fail".equals(entry.get("on_failure").string("best_effort"))
                    ? EscalationPolicy.OnFailure.FAIL : EscalationPolicy.OnFailure.BEST_EFFORT;
            double band = entry.get("band").number(0, 0, 1_000_000);
            if (band > 0 && routeGates.stream().noneMatch(g -> g.gate() instanceof ConfidenceGate)) {
                throw entry.get("band").error("band needs a confidence gate to decide within it",
                        "add {type: confidence, threshold: -0.3, tiers: [" + config.ladder().cheapest().name() + "]} to gates:");
            }
            policies.put(route.name(), new EscalationPolicy(routeGates, maxEscalations, onFailure, band));
        }
        return policies;
    }
}
