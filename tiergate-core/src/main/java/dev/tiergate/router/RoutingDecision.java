package dev.tiergate.router;

/**
 * A router's verdict.
 *
 * @param tierIndex index into the ladder, 0 = cheapest
 * @param score     the router's score, higher = needs a stronger model (NaN when the strategy has none)
 * @param threshold the threshold the score was compared against (NaN when none)
 * @param strategy  which strategy decided
 * @param reason    a short human-readable why, for headers and logs
 */
public record RoutingDecision(int tierIndex, double score, double threshold, String strategy, String reason) {

    public static RoutingDecision fixed(int tierIndex, String strategy, String reason) {
        return new RoutingDecision(tierIndex, Double.NaN, Double.NaN, strategy, reason);
    }

    public RoutingDecision atTier(int tier, String why) {
        return new RoutingDecision(tier, score, threshold, strategy, why);
    }
}
