package dev.tiergate.provider.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * How long an upstream asked us to wait: OpenAI's {@code retry-after-ms} (more precise, so it wins), then the
 * standard {@code Retry-After} as delta-seconds (fractions tolerated) or as an HTTP-date.
 */
public final class RetryAfter {
    private RetryAfter() {}

    /** @param header looks a response header up by name, case-insensitively */
    public static Optional<Duration> parse(Function<String, Optional<String>> header, Clock clock) {
        Optional<Duration> millis = header.apply("retry-after-ms").flatMap(RetryAfter::parseMillis);
        return millis.isPresent() ? millis : header.apply("retry-after").flatMap(value -> parseRetryAfter(value, clock));
    }

    public static Optional<Duration> parse(Function<String, Optional<String>> header) {
        return parse(header, Clock.systemUTC());
    }

    static Optional<Duration> parseMillis(String value) {
        try {
            double millis = Double.parseDouble(value.trim());
            return millis >= 0 && Double.isFinite(millis) ? Optional.of(Duration.ofNanos((long) (millis * 1_000_000))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        String trimmed = value.trim();
        try {
            double seconds = Double.parseDouble(trimmed);
            return seconds >= 0 && Double.isFinite(seconds)
                    ? Optional.of(Duration.ofMillis((long) (seconds * 1000))) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
