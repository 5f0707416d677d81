package dev.tiergate.ledger.drift;

import static dev.tiergate.ledger.Records.answered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.ledger.LedgerTestKit;
import dev.tiergate.ledger.ShadowRecord;
import dev.tiergate.ledger.config.DriftConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {
    private final TiergateConfig config = LedgerTestKit.config("");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DriftMonitor monitor = new DriftMonitor(
            new DriftConfig(0.8, 10, 5, Map.of("cheap", new DriftConfig.Band(0.5, 1.0)), 10), config.ladder(), registry);

    private static ShadowRecord shadow(boolean parity) {
        return new ShadowRecord("r", 0, "a", "auto", "chat", "cheap", "cheap", "frontier", "judge", "tie", "tie", parity, 1, 1, 0);
    }

    private double alert(String kind, String tier) {
        return registry.get("tiergate.drift.alert").tag("kind", kind).tag("tier", tier).gauge().value();
    }

    @Test
    void warnsWhenRollingParityFallsBelowTheFloorAndClearsWhenItRecovers() {
        for (int i = 0; i < 5; i++) {
            monitor.recordParity(shadow(i < 3)); // 3 of 5 = 60% < 80%
        }
        assertThat(monitor.parityAlert()).isTrue();
        assertThat(alert("parity", "all")).isEqualTo(1.0);
        assertThat(registry.get("tiergate.parity.rolling").gauge().value()).isEqualTo(0.6);

        for (int i = 0; i < 10; i++) {
            monitor.recordParity(shadow(true)); // the window of 10 is all good now
        }
        assertThat(monitor.parityAlert()).isFalse();
        assertThat(alert("parity", "all")).isEqualTo(0.0);
    }

    @Test
    void warnsWhenATiersShareLeavesItsBand() {
        for (int i = 0; i < 10; i++) {
            monitor.observe(null, null, answered("r" + i, 0, "auto", "chat", "a", i < 4 ? "cheap" : "frontier", i < 4 ? 0 : 2, 0, 0, 1));
        }
        assertThat(monitor.tierAlert("cheap")).isTrue(); // 40% < 50%
        assertThat(alert("tier_mix", "cheap")).isEqualTo(1.0);
        assertThat(registry.get("tiergate.tier.share").tag("tier", "frontier").gauge().value()).isEqualTo(0.6);

        for (int i = 0; i < 10; i++) {
            monitor.observe(null, null, answered("s" + i, 0, "auto", "chat", "a", "cheap", 0, 0, 0, 1));
        }
        assertThat(monitor.tierAlert("cheap")).isFalse();
    }
}
