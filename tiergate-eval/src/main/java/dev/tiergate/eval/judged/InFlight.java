package dev.tiergate.eval.judged;

import dev.tiergate.provider.CallContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call contexts of every pass in progress, so that Ctrl-C can cancel them all at once: the upstream calls end
 * promptly, their rows are not checkpointed, and a rerun does them again.
 */
final class InFlight {
    private final Duration timeout;
    private final Set<CallContext> active = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** @param timeout budget of one pass, retries and escalations included (the config's {@code server.request_timeout}) */
    InFlight(Duration timeout) {
        this.timeout = timeout;
    }

    CallContext open() {
        CallContext context = CallContext.within(timeout);
        active.add(context);
        if (cancelled) {
            context.cancel(); // cancelAll() may have run before the add: never leave a new context running after it
        }
        return context;
    }

    void close(CallContext context) {
        active.remove(context);
    }

    void cancelAll() {
        cancelled = true;
        active.forEach(CallContext::cancel);
    }

    boolean cancelled() {
        return cancelled;
    }
}
