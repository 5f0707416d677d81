package dev.tiergate.provider.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets another thread abort the blocking socket I/O of the thread that opened the window, and only while it is
 * open. On a virtual thread, an interrupt closes the socket it is blocked on (JDK 21+), which is how a deadline or
 * a cancellation stops a blocking HTTP client mid-read. The window matters because the same thread goes on to
 * write to our own client's socket afterwards: an interrupt landing then would close the wrong connection. So
 * {@link #interrupt()} is a no-op once closed, and {@link #close()} waits out an interrupt in flight and clears
 * the flag it left behind.
 */
public final class InterruptWindow implements AutoCloseable {
    private static final int OPEN = 0;
    private static final int INTERRUPTING = 1;
    private static final int INTERRUPTED = 2;
    private static final int CLOSED = 3;

    private final Thread owner;
    private final AtomicInteger state = new AtomicInteger(OPEN);

    private InterruptWindow(Thread owner) {
        this.owner = owner;
    }

    /** Opens a window on the current thread, which must be virtual (a platform thread's socket read ignores interrupts). */
    public static InterruptWindow open() {
        Thread current = Thread.currentThread();
        if (!current.isVirtual()) {
            throw new IllegalStateException("blocking I/O can only be interrupted on a virtual thread");
        }
        return new InterruptWindow(current);
    }

    /** Interrupts the owner if the window is still open; safe to call from any thread, any number of times. */
    public void interrupt() {
        if (state.compareAndSet(OPEN, INTERRUPTING)) {
            owner.interrupt();
            state.set(INTERRUPTED);
        }
    }

    public boolean interrupted() {
        int now = state.get();
        return now == INTERRUPTING || now == INTERRUPTED;
    }

    /** Closes the window; must be called by the owner. Clears the interrupt only if this window delivered it. */
    @Override
    public void close() {
        if (state.compareAndSet(OPEN, CLOSED)) {
            return;
        }
        while (state.get() == INTERRUPTING) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
    }
}
