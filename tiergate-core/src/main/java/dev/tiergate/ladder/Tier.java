package dev.tiergate.ladder;

import java.util.List;

/**
 * One rung of the ladder. Several models in a tier are interchangeable: {@code FAILOVER} tries them in order,
 * {@code ROUND_ROBIN} spreads load across them; either way a failing model is skipped while it cools down.
 */
public record Tier(int index, String name, List<ModelEndpoint> models, Balance balance) {
    public enum Balance { FAILOVER, ROUND_ROBIN }

    public Tier {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("tier " + name + " has no models");
        }
    }

    /** The reference model of the tier: the one whose price stands for the tier in projections. */
    public ModelEndpoint primary() {
        return models.get(0);
    }
}
