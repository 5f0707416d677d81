package dev.tiergate.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    @Test
    void anAlarmFiresOnceAfterItsDelay() throws Exception {
        try (Deadlines deadlines = new Deadlines("test")) {
            CountDownLatch fired = new CountDownLatch(1);
            long start = System.nanoTime();
            Deadlines.Alarm alarm = deadlines.after(Duration.ofMillis(60), fired::countDown);

            assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
            assertThat(alarm.fired()).isTrue();
        }
    }

    @Test
    void aDisarmedAlarmNeverFires() throws Exception {
        try (Deadlines deadlines = new Deadlines("test")) {
            AtomicInteger fired = new AtomicInteger();
            Deadlines.Alarm alarm = deadlines.after(Duration.ofMillis(30), fired::incrementAndGet);
            alarm.disarm();
            Thread.sleep(120);

            assertThat(fired).hasValue(0);
            assertThat(alarm.fired()).isFalse();
        }
    }

    @Test
    void anIdleSweeperWakesForANewAlarm() throws Exception {
        try (Deadlines deadlines = new Deadlines("test")) {
            Thread.sleep(1_300); // nothing armed: the sweeper sleeps in one-second naps
            CountDownLatch fired = new CountDownLatch(1);
            deadlines.after(Duration.ofMillis(20), fired::countDown);

            assertThat(fired.await(2, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aDeadlineSoonerThanThePendingOnesWakesTheSweeper() throws Exception {
        try (Deadlines deadlines = new Deadlines("test")) {
            AtomicInteger late = new AtomicInteger();
            deadlines.after(Duration.ofSeconds(30), late::incrementAndGet);
            Thread.sleep(50); // the sweeper now sleeps until the 30 s deadline, or for its one-second nap
            CountDownLatch fired = new CountDownLatch(1);
            long start = System.nanoTime();
            deadlines.after(Duration.ofMillis(40), fired::countDown);

            assertThat(fired.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(late).hasValue(0);
        }
    }

    @Test
    void aFailingActionDoesNotStopTheOthers() throws Exception {
        try (Deadlines deadlines = new Deadlines("test")) {
            CountDownLatch fired = new CountDownLatch(1);
            deadlines.after(Duration.ofMillis(10), () -> {
                throw new IllegalStateException("teardown failed");
            });
            deadlines.after(Duration.ofMillis(40), fired::countDown);

            assertThat(fired.await(2, TimeUnit.SECONDS)).isTrue();
        }
    }
}
