package dev.tiergate.config;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries of one model on 429, 5xx and connection errors: exponential backoff with full jitter, a server's
 * Retry-After honoured up to {@code maxBackoff}, and a total budget across all retries of a request.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration budget) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(2, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** Delay before retry number {@code retry} (1-based); a server-sent Retry-After wins when present. */
    public Duration backoff(int retry, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        }
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(20, retry - 1));
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
