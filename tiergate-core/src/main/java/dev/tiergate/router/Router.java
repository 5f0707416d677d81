package dev.tiergate.router;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.ladder.Ladder;
import java.util.Map;

/**
 * Decides, before any model is called, which tier of the ladder should answer. Runs on every request, so
 * implementations must be cheap, thread-safe and must never call a model.
 */
public interface Router {

    RoutingDecision decide(ChatRequest request, Ladder ladder);

    /**
     * The same decision with the request's headers at hand (lower-case names, credentials removed), for strategies
     * that route on them ({@code rules}); the others ignore them.
     */
    default RoutingDecision decide(ChatRequest request, Map<String, String> headers, Ladder ladder) {
        return decide(request, ladder);
    }

    /** The name config uses for this strategy ("fixed", "length", "classifier", ...). */
    String strategy();
}
