package dev.tiergate.ledger.report;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The time span of a report: {@code --since 7d} (also 30m, 24h, 2w) up to now. */
public record Window(Instant since, Instant until) {
    private static final Pattern SINCE = Pattern.compile("(\\d+)\\s*(m|h|d|w)");

    public static Window parse(String since, Instant now) {
        String text = since == null || since.isBlank() ? "7d" : since.trim();
        Matcher m = SINCE.matcher(text);
        if (!m.matches()) {
            try {
                return new Window(Instant.parse(text), now);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("cannot read since '" + text + "': write e.g. 7d, 24h, 30m, 2w or an ISO instant");
            }
        }
        long amount = Long.parseLong(m.group(1));
        Duration span = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> Duration.ofDays(amount);
        };
        return new Window(now.minus(span), now);
    }

    public Duration length() {
        return Duration.between(since, until);
    }

    /** Bucket size of the time series: hours for up to two days, days up to a year, weeks beyond. */
    public Duration bucket() {
        Duration length = length();
        if (length.compareTo(Duration.ofHours(48)) <= 0) {
            return Duration.ofHours(1);
        }
        return length.compareTo(Duration.ofDays(400)) <= 0 ? Duration.ofDays(1) : Duration.ofDays(7);
    }
}
