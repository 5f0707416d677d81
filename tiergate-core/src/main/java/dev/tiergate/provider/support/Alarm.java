package dev.tiergate.provider.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A one-shot timer that runs an action unless disarmed first. Each alarm sleeps on its own virtual thread, so
 * there is no scheduler to share, size or shut down; a disarmed alarm's thread simply ends.
 */
public final class Alarm {
    private enum State { ARMED, FIRED, DISARMED }

    private final AtomicReference<State> state = new AtomicReference<>(State.ARMED);
    private final Thread sleeper;

    private Alarm(Duration delay, Runnable action, String name) {
        sleeper = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException disarmed) {
                return;
            }
            // the state check makes firing and disarming mutually exclusive, so a late disarm never interrupts a running action
            if (state.compareAndSet(State.ARMED, State.FIRED)) {
                action.run();
            }
        });
    }

    public static Alarm after(Duration delay, Runnable action, String name) {
        Alarm alarm = new Alarm(delay, action, name);
        alarm.sleeper.start();
        return alarm;
    }

    /** Stops the alarm if it has not fired yet; harmless to call more than once. */
    public void disarm() {
        if (state.compareAndSet(State.ARMED, State.DISARMED)) {
            sleeper.interrupt();
        }
    }

    public boolean fired() {
        return state.get() == State.FIRED;
    }
}
