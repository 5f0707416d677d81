package dev.tiergate.router;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.ladder.Ladder;

/**
 * {@code cascade}: every request starts on the cheapest tier. The climbing is not done here (a router never calls a
 * model) but by the escalation stage, which gates each answer and moves up one tier at a time.
 */
public record CascadeRouter() implements Router {

    @Override
    public RoutingDecision decide(ChatRequest request, Ladder ladder) {
        return RoutingDecision.fixed(0, strategy(), "cascade starts at the cheapest tier");
    }

    @Override
    public String strategy() {
        return "cascade";
    }
}
