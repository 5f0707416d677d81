package dev.tiergate.eval.cascade;

import java.util.List;

/**
 * What each strategy pays to reach the same quality: the fair way to compare them, since a strategy can always buy
 * quality by calling the strong model more.
 *
 * @param target  what the quality bar is ("cascade (recall 0.80 ...) quality")
 * @param entries each strategy's cheapest point reaching the bar; {@code result} is null when it cannot reach it
 */
public record EqualQuality(String target, double quality, List<Entry> entries) {
    public record Entry(String strategy, StrategyResult result) {}

    public EqualQuality {
        entries = List.copyOf(entries);
    }
}
