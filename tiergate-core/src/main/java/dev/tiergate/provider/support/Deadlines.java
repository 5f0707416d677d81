package dev.tiergate.provider.support;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of one provider's calls, checked by one sweeper thread every {@link #TICK}. Arming and disarming
 * touch only a concurrent set: no thread is started, woken or re-scheduled per call. Every per-call timer we tried
 * (a sleeping virtual thread, the JDK's delay schedulers behind {@code completeOnTimeout} and timed socket reads)
 * wakes a scheduler thread on each arm and disarm, two to four extra wake-ups per request that competed with the
 * request path for the cores and showed in the concurrency-1 p99. The price is precision: an alarm fires up to
 * one tick late, which is nothing against timeouts of seconds. The sweeper parks for good after a second without
 * calls, so an idle gateway costs nothing.
 */
public final class Deadlines implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(5);
    private static final long IDLE_BEFORE_PARKING_NANOS = Duration.ofSeconds(1).toNanos();

    private final Set<Alarm> armed = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean parked;
    private volatile boolean running = true;

    public Deadlines(String name) {
        sweeper = Thread.ofPlatform().name("tiergate-deadlines-" + name).daemon(true).start(this::sweep);
    }

    /** Runs {@code action} on the sweeper thread once {@code delay} has passed, unless disarmed first. Keep it short. */
    public Alarm after(Duration delay, Runnable action) {
        Alarm alarm = new Alarm(System.nanoTime() + Math.max(0, delay.toNanos()), action);
        armed.add(alarm);
        if (parked) {
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
        long lastBusy = System.nanoTime();
        while (running) {
            if (armed.isEmpty() && System.nanoTime() - lastBusy > IDLE_BEFORE_PARKING_NANOS) {
                parked = true;
                if (armed.isEmpty() && running) { // re-checked after publishing 'parked', so no arm goes unseen
                    LockSupport.park(this);
                }
                parked = false;
                lastBusy = System.nanoTime();
                continue;
            }
            LockSupport.parkNanos(this, TICK.toNanos());
            long now = System.nanoTime();
            if (!armed.isEmpty()) {
                lastBusy = now;
                for (Alarm alarm : armed) {
                    alarm.fireIfDue(now);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(sweeper);
    }
}
