package dev.tiergate.router;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.ladder.Ladder;

/** Always the same tier: a plain proxy route, or a pinned model or tier. */
public record FixedRouter(int tierIndex, String why) implements Router {

    @Override
    public RoutingDecision decide(ChatRequest request, Ladder ladder) {
        return RoutingDecision.fixed(tierIndex, strategy(), why);
    }

    @Override
    public String strategy() {
        return "fixed";
    }
}
