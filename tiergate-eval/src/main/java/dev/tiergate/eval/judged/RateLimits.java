package dev.tiergate.eval.judged;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-model request rates for the eval: calls to a limited model are spaced at least 60 s / rpm apart, so a large
 * set does not trip the provider's own rate limit (whose 429s would cost retries and skew latency). Models without
 * a limit are not slowed at all.
 */
final class RateLimits {
    private final Map<String, Pacer> pacers;

    /** @param requestsPerMinute config model name → requests per minute */
    RateLimits(Map<String, Double> requestsPerMinute) {
        Map<String, Pacer> byModel = new HashMap<>();
        requestsPerMinute.forEach((model, rpm) -> {
            if (!(rpm > 0)) {
                throw new EvalException("the rate limit of " + model + " must be a positive number of requests per minute, not " + rpm);
            }
            byModel.put(model, new Pacer(Duration.ofNanos((long) (60e9 / rpm))));
        });
        this.pacers = Map.copyOf(byModel);
    }

    static RateLimits none() {
        return new RateLimits(Map.of());
    }

    /** Blocks until {@code model} may be called again. */
    void acquire(String model) throws InterruptedException {
        Pacer pacer = pacers.get(model);
        if (pacer != null) {
            Thread.sleep(pacer.reserve());
        }
    }

    /** Hands out evenly spaced start times; a caller sleeps until its slot. */
    private static final class Pacer {
        private final long intervalNanos;
        private long nextSlot = System.nanoTime();

        Pacer(Duration interval) {
            this.intervalNanos = interval.toNanos();
        }

        synchronized Duration reserve() {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            return Duration.ofNanos(slot - now);
        }
    }
}
