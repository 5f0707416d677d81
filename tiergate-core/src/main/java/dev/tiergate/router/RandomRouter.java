package dev.tiergate.router;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.RouteConfig;
import dev.tiergate.ladder.Ladder;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Baseline: a uniform random score in [0, 1); the strong tier when score >= threshold (default 0.5, i.e. half the
 * traffic), with N tiers tier = min(N - 1, floor(score / threshold * (N - 1))). With {@code seed} in the route config
 * the score is a hash of the prompt and the seed, so the same prompt always lands on the same tier.
 */
public final class RandomRouter implements Router {

    public static final String STRATEGY = "random";

    private final double threshold;
    private final Long seed;

    public RandomRouter(double threshold, Long seed) {
        this.threshold = Double.isNaN(threshold) ? 0.5 : threshold;
        this.seed = seed;
    }

    public static RandomRouter fromConfig(RouteConfig route) {
        Long seed = route.raw() != null && route.raw().has("seed") ? route.raw().path("seed").asLong() : null;
        return new RandomRouter(route.threshold(), seed);
    }

    @Override
    public String strategy() {
        return STRATEGY;
    }

    /** The score of a prompt: deterministic with a seed, else fresh randomness. */
    public double score(String prompt) {
        if (seed == null) {
            return ThreadLocalRandom.current().nextDouble();
        }
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < prompt.length(); i++) {
            h = (h ^ prompt.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }

    @Override
    public RoutingDecision decide(ChatRequest request, Ladder ladder) {
        double s = score(request.allText());
        int n = ladder.size();
        int tier = n == 1 ? 0 : (int) Math.min(n - 1, Math.floor(s / threshold * (n - 1)));
        return new RoutingDecision(tier, s, threshold, STRATEGY, String.format(Locale.ROOT, "random %.3f", s));
    }
}
