package dev.tiergate.provider.support;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of one provider's calls, watched by one sweeper thread that sleeps until the earliest of them (or
 * for a second, when there is none sooner). Arming and disarming touch only a concurrent set: no thread is started,
 * woken or re-scheduled per call, except when a new deadline falls before the sweeper's planned wake-up, which in
 * steady traffic never happens (every call of an endpoint has the same timeouts, so each new deadline is the
 * latest). Every per-call timer we tried (a sleeping virtual thread, the JDK's delay schedulers behind
 * {@code completeOnTimeout} and timed socket reads) woke a scheduler thread on each arm and disarm, two to four
 * extra wake-ups per request that competed with the request path for the cores.
 */
public final class Deadlines implements AutoCloseable {
    private static final long MAX_SLEEP_NANOS = Duration.ofSeconds(1).toNanos();

    private final Set<Alarm> armed = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    /** When the sweeper will next look, as a {@link System#nanoTime()}; "now" while it is looking. */
    private volatile long sleepingUntil;
    private volatile boolean running = true;

    public Deadlines(String name) {
        sleepingUntil = System.nanoTime();
        sweeper = Thread.ofPlatform().name("tiergate-deadlines-" + name).daemon(true).start(this::sweep);
    }

    /** Runs {@code action} on the sweeper thread once {@code delay} has passed, unless disarmed first. Keep it short. */
    public Alarm after(Duration delay, Runnable action) {
        long due = System.nanoTime() + Math.max(0, delay.toNanos());
        Alarm alarm = new Alarm(due, action);
        armed.add(alarm);
        if (due - sleepingUntil < 0) {
            LockSupport.unpark(sweeper);
        }
        return alarm;
    }

    /** A one-shot deadline; firing and disarming exclude each other. */
    public final class Alarm {
        private static final int ARMED = 0;
        private static final int FIRED = 1;
        private static final int DISARMED = 2;

        private final long dueNanos;
        private final Runnable action;
        private final AtomicInteger state = new AtomicInteger(ARMED);

        private Alarm(long dueNanos, Runnable action) {
            this.dueNanos = dueNanos;
            this.action = action;
        }

        /** Stops the alarm if it has not fired yet; harmless to call more than once. */
        public void disarm() {
            if (state.compareAndSet(ARMED, DISARMED)) {
                armed.remove(this);
            }
        }

        public boolean fired() {
            return state.get() == FIRED;
        }

        private void fireIfDue(long now) {
            if (now - dueNanos >= 0 && state.compareAndSet(ARMED, FIRED)) {
                armed.remove(this);
                try {
                    action.run();
                } catch (RuntimeException ignored) {
                    // a teardown that fails must not stop the sweeper: the other calls' deadlines depend on it
                }
            }
        }
    }

    private void sweep() {
        while (running) {
            long now = System.nanoTime();
            sleepingUntil = now;
            long next = now + MAX_SLEEP_NANOS;
            for (Alarm alarm : armed) {
                alarm.fireIfDue(now);
                if (!alarm.fired() && alarm.dueNanos - next < 0) {
                    next = alarm.dueNanos;
                }
            }
            sleepingUntil = next;
            // an alarm armed between the scan and the line above saw "now" and did not wake us: look once more
            for (Alarm alarm : armed) {
                if (alarm.dueNanos - next < 0) {
                    next = alarm.dueNanos;
                }
            }
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                LockSupport.parkNanos(this, sleep);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(sweeper);
    }
}
