package dev.tiergate.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-request cancellation. The server cancels when its client disconnects; providers register what must be
 * torn down (an open HTTP exchange, an SDK future) and check {@link #isCancelled()} between reads.
 */
public final class CallContext {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private final Instant deadline;

    public CallContext(Instant deadline) {
        this.deadline = deadline;
    }

    public static CallContext unbounded() {
        return new CallContext(Instant.MAX);
    }

    public static CallContext within(Duration budget) {
        return new CallContext(Instant.now().plus(budget));
    }

    /** Registers a teardown action; runs it at once when already cancelled. Returns a handle to unregister. */
    public Runnable onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelled.get() && onCancel.remove(action)) {
            action.run();
        }
        return () -> onCancel.remove(action);
    }

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            for (Runnable action : onCancel) {
                try {
                    action.run();
                } catch (RuntimeException ignored) {
                    // teardown is best effort: one failing action must not stop the others
                }
            }
            onCancel.clear();
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** The overall request deadline (the server's request budget), independent of per-model timeouts. */
    public Instant deadline() {
        return deadline;
    }

    public Duration remaining() {
        if (deadline.equals(Instant.MAX)) {
            return Duration.ofDays(1);
        }
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
