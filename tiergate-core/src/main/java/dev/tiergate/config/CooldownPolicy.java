package dev.tiergate.config;

import java.time.Duration;

/** A model that failed {@code failures} times in a row (or was rate limited) is skipped for {@code duration}. */
public record CooldownPolicy(int failures, Duration duration) {
    public static final CooldownPolicy DEFAULT = new CooldownPolicy(3, Duration.ofSeconds(30));
}
