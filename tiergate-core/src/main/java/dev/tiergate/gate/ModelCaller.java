package dev.tiergate.gate;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import java.time.Duration;

/**
 * Calls one configured model on behalf of a gate, within the request's budget. The gateway's implementation goes
 * through the dispatcher, so the call is retried, cooled down and, above all, recorded and paid for like any other
 * attempt of the request.
 */
@FunctionalInterface
public interface ModelCaller {

    /** A caller for contexts without models (unit tests of gates that never call one). */
    ModelCaller NONE = (model, request, timeout) -> {
        throw new ModelCallException("no model calls are available here", false);
    };

    /**
     * @param model   a name from {@code models:}
     * @param timeout the most the call may take; on expiry it is cancelled and {@link ModelCallException#timedOut()}
     */
    ChatResponse call(String model, ChatRequest request, Duration timeout) throws ModelCallException;
}
