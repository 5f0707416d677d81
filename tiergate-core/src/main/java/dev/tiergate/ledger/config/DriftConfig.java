package dev.tiergate.ledger.config;

import java.util.Map;

/**
 * The {@code drift:} section: warnings (metric + log) when quality or the tier mix moves.
 *
 * @param parityFloor  warn when parity over the last {@code parityWindow} shadow samples falls below this (0..1)
 * @param minSamples   no parity verdict before this many samples in the window
 * @param tierBands    per tier name, the allowed share of requests {min, max} (0..1) over the last {@code mixWindow}
 */
public record DriftConfig(double parityFloor, int parityWindow, int minSamples, Map<String, Band> tierBands, int mixWindow) {
    public static final DriftConfig DEFAULT = new DriftConfig(0.9, 200, 20, Map.of(), 1000);

    public record Band(double min, double max) {
        public boolean contains(double share) {
            return share >= min && share <= max;
        }
    }

    public DriftConfig {
        tierBands = Map.copyOf(tierBands);
    }
}
