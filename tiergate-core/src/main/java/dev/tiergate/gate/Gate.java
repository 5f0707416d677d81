package dev.tiergate.gate;

import dev.tiergate.chat.ChatRequest;

/**
 * A quality check on one answer. Gates are built once from config and shared by all requests, so they must be
 * thread-safe and keep no per-request state. A gate that cannot decide (bad input, a failing judge) must fail
 * closed: an unchecked answer is exactly the misroute gates exist to catch.
 *
 * <p>Custom gates plug in through {@link GateProvider} and {@link java.util.ServiceLoader}.
 */
public interface Gate {

    /** The name shown in reasons and headers; the config {@code type} of built-in gates. */
    String name();

    GateResult check(GateInput input);

    /**
     * True for gates that cost money or latency of their own (they call a model). They run after the cheap gates and
     * are skipped once a cheap gate has failed, because the answer is rejected anyway.
     */
    default boolean expensive() {
        return false;
    }

    /**
     * Adjusts the request before the attempt this gate will judge, e.g. to ask for logprobs or to tell the model
     * which sentinel to answer with when unsure.
     *
     * @param canEscalate false for the last attempt the route allows: nothing stronger will follow it
     */
    default ChatRequest prepare(ChatRequest request, boolean canEscalate) {
        return request;
    }
}
