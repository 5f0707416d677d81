package dev.tiergate.config;

import java.time.Duration;

/**
 * Per-model limits. {@code firstToken} bounds the wait for response headers and the first streamed token;
 * {@code total} bounds the whole call including the body.
 */
public record Timeouts(Duration connect, Duration firstToken, Duration total) {
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(300));
}
