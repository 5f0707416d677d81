package dev.tiergate.config;

import java.time.Duration;

/** Where the gateway listens and how much it accepts. */
public record ServerConfig(String host, int port, long maxBodyBytes, Duration requestTimeout) {
    public static final ServerConfig DEFAULT = new ServerConfig("127.0.0.1", 4100, 10L * 1024 * 1024, Duration.ofMinutes(10));
}
