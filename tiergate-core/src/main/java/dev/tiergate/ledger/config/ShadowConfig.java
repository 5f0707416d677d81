package dev.tiergate.ledger.config;

import java.time.Duration;

/**
 * The {@code shadow:} section: a sample of routed-down requests is also sent to the frontier, off the request path,
 * and a judge of another model family compares the two answers.
 *
 * @param rate          share of routed-down requests sampled (0 turns shadowing off)
 * @param judge         the configured model name of the judge
 * @param maxDailyUsd   spending cap per UTC day for shadow and judge calls together
 * @param maxConcurrent comparisons running at once; beyond that a sample is skipped, never queued on the request path
 * @param timeout       budget of one comparison (frontier call plus both judge calls)
 * @param allowSameFamily accept a judge of the same family as a ladder model (not recommended: self-preference bias)
 */
public record ShadowConfig(double rate, String judge, double maxDailyUsd, int maxConcurrent, Duration timeout,
                           boolean allowSameFamily) {
    public static final ShadowConfig OFF = new ShadowConfig(0, null, 5, 2, Duration.ofMinutes(2), false);

    public boolean enabled() {
        return rate > 0 && judge != null;
    }
}
