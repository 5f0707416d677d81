package dev.tiergate.router;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.ladder.Ladder;

/**
 * Decides, before any model is called, which tier of the ladder should answer. Runs on every request, so
 * implementations must be cheap, thread-safe and must never call a model.
 */
public interface Router {

    RoutingDecision decide(ChatRequest request, Ladder ladder);

    /** The name config uses for this strategy ("fixed", "length", "classifier", ...). */
    String strategy();
}
