package dev.tiergate.ledger.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

    @Test
    void readsRelativeAndAbsoluteStarts() {
        assertThat(Window.parse("7d", NOW).since()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(Window.parse("24h", NOW).bucket()).isEqualTo(Duration.ofHours(1));
        assertThat(Window.parse("2w", NOW).bucket()).isEqualTo(Duration.ofDays(1));
        assertThat(Window.parse(null, NOW).length()).isEqualTo(Duration.ofDays(7));
        assertThat(Window.parse("2026-03-01T00:00:00Z", NOW).since()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThatThrownBy(() -> Window.parse("last week", NOW)).hasMessageContaining("7d");
        assertThatThrownBy(() -> Dimension.parse("model")).hasMessageContaining("route, tier, category or key");
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(ReportBuilder.percentile(java.util.List.of(10L, 20L, 30L, 40L), 0.5)).isEqualTo(20);
        assertThat(ReportBuilder.percentile(java.util.List.of(10L, 20L, 30L, 40L), 0.95)).isEqualTo(40);
        assertThat(ReportBuilder.percentile(java.util.List.of(), 0.5)).isZero();
    }
}
