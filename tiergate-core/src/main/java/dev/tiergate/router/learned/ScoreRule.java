package dev.tiergate.router.learned;

/**
 * How per-model probabilities become a routing score (higher = needs a stronger model) and a tier.
 *
 * <ul>
 *   <li>{@code GAP}: relative. Two tiers: score = P(strong ok) - P(weak ok), the expected quality gain of the
 *       strong call. N tiers: the cheapest tier whose predicted quality is within {@code threshold} of the frontier
 *       tier's (score of a tier = P(frontier) - P(tier)).</li>
 *   <li>{@code WEAK_FAIL}: absolute. Two tiers: score = 1 - P(weak ok). N tiers: the cheapest tier whose predicted
 *       P(acceptable) >= 1 - threshold.</li>
 *   <li>{@code ONLY_STRONG}: two tiers: P(strong ok) * (1 - P(weak ok)); N tiers behave like GAP.</li>
 * </ul>
 */
public enum ScoreRule {
    GAP,
    WEAK_FAIL,
    ONLY_STRONG;

    /** The two-tier "needs the strong model" score. */
    public double score(double pStrong, double pWeak) {
        return switch (this) {
            case GAP -> pStrong - pWeak;
            case WEAK_FAIL -> 1 - pWeak;
            case ONLY_STRONG -> pStrong * (1 - pWeak);
        };
    }

    /** The score of sending to tier {@code i} given every tier's predicted quality (last = frontier). */
    public double tierScore(double[] tierQuality, int i) {
        int top = tierQuality.length - 1;
        if (tierQuality.length == 2 && i == 0) {
            return score(tierQuality[1], tierQuality[0]);
        }
        return this == WEAK_FAIL ? 1 - tierQuality[i] : tierQuality[top] - tierQuality[i];
    }

    /** The cheapest tier whose score is below the threshold; the frontier when none is. */
    public int chooseTier(double[] tierQuality, double threshold) {
        for (int i = 0; i < tierQuality.length - 1; i++) {
            if (tierScore(tierQuality, i) < threshold) {
                return i;
            }
        }
        return tierQuality.length - 1;
    }
}
