package dev.tiergate.ladder;

import java.util.List;
import java.util.Optional;

/** Tiers ordered cheapest first; the last tier is the frontier the counterfactual is priced at. */
public record Ladder(List<Tier> tiers) {
    public Ladder {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one tier");
        }
    }

    public int size() {
        return tiers.size();
    }

    public Tier tier(int index) {
        return tiers.get(index);
    }

    public Tier cheapest() {
        return tiers.get(0);
    }

    public Tier frontier() {
        return tiers.get(tiers.size() - 1);
    }

    public Optional<Tier> byName(String name) {
        return tiers.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The tier a model sits on, if it is on the ladder at all. */
    public Optional<Tier> tierOf(String modelName) {
        return tiers.stream()
                .filter(t -> t.models().stream().anyMatch(m -> m.name().equals(modelName)))
                .findFirst();
    }
}
