package dev.tiergate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private static Optional<Duration> parse(Map<String, String> headers) {
        return RetryAfter.parse(name -> Optional.ofNullable(headers.get(name)), NOW);
    }

    @Test
    void readsDeltaSeconds() {
        assertThat(parse(Map.of("retry-after", "20"))).contains(Duration.ofSeconds(20));
        assertThat(parse(Map.of("retry-after", "1.5"))).contains(Duration.ofMillis(1500));
    }

    @Test
    void readsAnHttpDate() {
        assertThat(parse(Map.of("retry-after", "Sun, 01 Mar 2026 12:00:30 GMT"))).contains(Duration.ofSeconds(30));
        assertThat(parse(Map.of("retry-after", "Sun, 01 Mar 2026 11:00:00 GMT"))).contains(Duration.ZERO);
    }

    @Test
    void prefersMilliseconds() {
        assertThat(parse(Map.of("retry-after", "1", "retry-after-ms", "250"))).contains(Duration.ofMillis(250));
    }

    @Test
    void ignoresGarbage() {
        assertThat(parse(Map.of("retry-after", "soon"))).isEmpty();
        assertThat(parse(Map.of("retry-after", "-3"))).isEmpty();
        assertThat(parse(Map.of())).isEmpty();
    }
}
