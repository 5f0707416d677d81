package dev.tiergate.ledger.drift;

import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.Tier;
import dev.tiergate.ledger.RequestObserver;
import dev.tiergate.ledger.RequestRecord;
import dev.tiergate.ledger.ShadowRecord;
import dev.tiergate.ledger.config.DriftConfig;
import dev.tiergate.pipeline.Exchange;
import dev.tiergate.pipeline.GatewayResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches two things over rolling windows and warns (a gauge of 1 in Prometheus, one log line per change) when
 * they drift: parity of the shadow samples below the floor, and the share of a tier outside its configured band.
 * A warning is logged when it starts and when it clears, not on every request.
 */
public final class DriftMonitor implements RequestObserver {
    private static final System.Logger LOG = System.getLogger(DriftMonitor.class.getName());

    private final DriftConfig config;
    private final Ladder ladder;
    private final RollingWindow parity;
    private final RollingWindow mix;
    private final AtomicBoolean parityAlert = new AtomicBoolean();
    private final AtomicBoolean[] mixAlerts;

    public DriftMonitor(DriftConfig config, Ladder ladder, MeterRegistry registry) {
        this.config = config;
        this.ladder = ladder;
        this.parity = new RollingWindow(config.parityWindow(), 2);
        this.mix = new RollingWindow(config.mixWindow(), ladder.size());
        this.mixAlerts = new AtomicBoolean[ladder.size()];
        Gauge.builder("tiergate.parity.rolling", this, m -> m.parity.size() == 0 ? Double.NaN : m.parity.share(1))
                .description("Share of recent shadow samples judged as good as the frontier or better").register(registry);
        Gauge.builder("tiergate.drift.alert", parityAlert, a -> a.get() ? 1 : 0)
                .description("1 while a drift warning is active").tag("kind", "parity").tag("tier", "all").register(registry);
        for (Tier tier : ladder.tiers()) {
            int index = tier.index();
            mixAlerts[index] = new AtomicBoolean();
            Gauge.builder("tiergate.tier.share", this, m -> m.mix.share(index))
                    .description("Share of recent answered requests by tier").tag("tier", tier.name()).register(registry);
            Gauge.builder("tiergate.drift.alert", mixAlerts[index], a -> a.get() ? 1 : 0)
                    .description("1 while a drift warning is active").tag("kind", "tier_mix").tag("tier", tier.name()).register(registry);
        }
    }

    @Override
    public void observe(Exchange exchange, GatewayResult result, RequestRecord record) {
        if (record.tierIndex() < 0 || record.tierIndex() >= ladder.size()) {
            return;
        }
        mix.add(record.tierIndex());
        if (mix.size() < Math.min(config.mixWindow(), config.minSamples())) {
            return;
        }
        for (Tier tier : ladder.tiers()) {
            DriftConfig.Band band = config.tierBands().get(tier.name());
            if (band != null) {
                double share = mix.share(tier.index());
                update(mixAlerts[tier.index()], !band.contains(share), String.format(java.util.Locale.ROOT,
                        "tier mix drift: tier %s answers %.1f%% of the last %d requests, outside its band [%.0f%%, %.0f%%]",
                        tier.name(), share * 100, mix.size(), band.min() * 100, band.max() * 100), "tier mix of " + tier.name() + " is back in its band");
            }
        }
    }

    /** A finished shadow comparison. */
    public void recordParity(ShadowRecord shadow) {
        parity.add(shadow.parity() ? 1 : 0);
        if (parity.size() < config.minSamples()) {
            return;
        }
        double share = parity.share(1);
        update(parityAlert, share < config.parityFloor(), String.format(java.util.Locale.ROOT,
                "parity drift: %.1f%% of the last %d shadow samples were judged as good as the frontier, below the floor of %.1f%%",
                share * 100, parity.size(), config.parityFloor() * 100), "parity is back above its floor");
    }

    public boolean parityAlert() {
        return parityAlert.get();
    }

    public boolean tierAlert(String tier) {
        return ladder.byName(tier).map(t -> mixAlerts[t.index()].get()).orElse(false);
    }

    private static void update(AtomicBoolean alert, boolean drifting, String warning, String cleared) {
        if (alert.compareAndSet(!drifting, drifting)) {
            LOG.log(drifting ? System.Logger.Level.WARNING : System.Logger.Level.INFO, drifting ? warning : cleared);
        }
    }
}
