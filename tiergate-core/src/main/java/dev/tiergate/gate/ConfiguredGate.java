package dev.tiergate.gate;

import java.util.Set;

/**
 * A gate as a route uses it: the gate plus the tiers whose answers it checks ({@code tiers:} in its config entry;
 * empty = every tier). Scoping lives here rather than in each gate so that every gate, custom ones included, can
 * be limited to, say, the cheap tier.
 */
public record ConfiguredGate(Gate gate, Set<String> tiers) {
    public ConfiguredGate {
        tiers = Set.copyOf(tiers);
    }

    public boolean appliesTo(String tierName) {
        return tiers.isEmpty() || tiers.contains(tierName);
    }
}
