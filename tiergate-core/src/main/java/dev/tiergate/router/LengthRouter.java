package dev.tiergate.router;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.ladder.Ladder;

/**
 * The simplest useful heuristic: long prompts go up the ladder. Score = estimated prompt tokens / threshold,
 * capped at 1; a prompt at or over {@code thresholdTokens} goes to the frontier, shorter ones are spread
 * linearly over the lower tiers.
 */
public record LengthRouter(double thresholdTokens) implements Router {
    public static final double DEFAULT_THRESHOLD_TOKENS = 1000;

    public LengthRouter {
        if (!(thresholdTokens > 0)) {
            throw new IllegalArgumentException("threshold must be a positive token count");
        }
    }

    /** About four characters per token for English text, the usual rule of thumb. */
    public static long estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    @Override
    public RoutingDecision decide(ChatRequest request, Ladder ladder) {
        long tokens = estimateTokens(request.allText());
        double score = Math.min(1.0, tokens / thresholdTokens);
        int top = ladder.size() - 1;
        int tier = score >= 1.0 ? top : (int) Math.floor(score * top);
        return new RoutingDecision(tier, score, 1.0, strategy(), "~" + tokens + " prompt tokens");
    }

    @Override
    public String strategy() {
        return "length";
    }
}
