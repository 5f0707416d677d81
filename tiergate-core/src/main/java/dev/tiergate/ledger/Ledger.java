package dev.tiergate.ledger;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ledger.config.LedgerConfig;
import dev.tiergate.ledger.config.LedgerSections;
import dev.tiergate.ledger.drift.DriftMonitor;
import dev.tiergate.ledger.report.Reports;
import dev.tiergate.ledger.shadow.PairwiseJudge;
import dev.tiergate.ledger.shadow.ShadowCaller;
import dev.tiergate.ledger.shadow.ShadowSampler;
import dev.tiergate.ledger.store.JdbcLedgerStore;
import dev.tiergate.ledger.store.LedgerStore;
import dev.tiergate.ledger.store.LedgerWriter;
import dev.tiergate.ledger.store.RatioSeed;
import dev.tiergate.ledger.store.Spool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ledger feature assembled from config: store, writer, output ratios, the {@link LedgerStage}, drift monitor
 * and shadow sampler. Closing it stops the shadow, flushes every queued record and closes the store.
 */
public final class Ledger implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Ledger.class.getName());

    private final LedgerSections sections;
    private final LedgerStore store;
    private final LedgerWriter writer;
    private final ShadowSampler shadow;
    private final DriftMonitor drift;
    private final LedgerStage stage;

    private Ledger(LedgerSections sections, LedgerStore store, LedgerWriter writer, ShadowSampler shadow, DriftMonitor drift,
                   LedgerStage stage) {
        this.sections = sections;
        this.store = store;
        this.writer = writer;
        this.shadow = shadow;
        this.drift = drift;
        this.stage = stage;
    }

    /**
     * @param caller     makes shadow calls (usually {@code ShadowCaller.of(dispatcher)}); null disables shadowing
     * @param gateReader where gate verdicts are found on an attempt
     * @throws dev.tiergate.config.ConfigException for a mistake in ledger:, shadow: or drift:
     */
    public static Ledger start(TiergateConfig config, ShadowCaller caller, GateReader gateReader, MeterRegistry registry, Clock clock) {
        LedgerSections sections = LedgerSections.read(config);
        LedgerConfig settings = sections.ledger();
        Ladder ladder = config.ladder();
        OutputRatios ratios = new OutputRatios(settings.ratioMinSamples());
        LedgerStore store = null;
        LedgerWriter writer = null;
        LedgerSink sink = LedgerSink.DISCARD;
        if (settings.enabled()) {
            store = JdbcLedgerStore.open(settings);
            seed(store, ratios, clock, settings);
            writer = new LedgerWriter(store, spool(settings), new LedgerWriter.Settings(settings.queueCapacity(), settings.batchSize(),
                    settings.flushInterval(), settings.retryInterval(), settings.retention()), clock).start();
            sink = writer;
            register(registry, writer);
        }
        sink = new RatioLearningSink(ratios, sink);
        RequestRecorder recorder = new RequestRecorder(ladder, new Counterfactual(ladder.frontier().primary().price(), ratios),
                new Categorizer(), gateReader, settings.storePrompts());
        DriftMonitor drift = new DriftMonitor(sections.drift(), ladder, registry);
        List<RequestObserver> observers = new ArrayList<>(List.of(drift));
        ShadowSampler shadow = null;
        if (sections.shadow().enabled() && caller != null) {
            ModelEndpoint judge = config.model(sections.shadow().judge()).orElseThrow();
            shadow = new ShadowSampler(sections.shadow(), ladder, new PairwiseJudge(caller, judge, ladder.size()), caller, sink,
                    drift::recordParity, () -> ThreadLocalRandom.current().nextDouble(), clock, registry);
            observers.add(shadow);
        }
        return new Ledger(sections, store, writer, shadow, drift, new LedgerStage(recorder, sink, observers));
    }

    /** The interceptor to place just inside the metrics stage. */
    public LedgerStage stage() {
        return stage;
    }

    public LedgerSections sections() {
        return sections;
    }

    /** Reports over the stored ledger; empty when {@code ledger.enabled} is false. */
    public Optional<Reports> reports() {
        return Optional.ofNullable(store).map(Reports::new);
    }

    public Optional<LedgerStore> store() {
        return Optional.ofNullable(store);
    }

    public Optional<LedgerWriter> writer() {
        return Optional.ofNullable(writer);
    }

    public Optional<ShadowSampler> shadow() {
        return Optional.ofNullable(shadow);
    }

    public DriftMonitor drift() {
        return drift;
    }

    @Override
    public void close() {
        if (shadow != null) {
            shadow.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static Spool spool(LedgerConfig settings) {
        try {
            return new Spool(settings.spool());
        } catch (IOException e) {
            throw new UncheckedIOException("ledger: cannot read the spool " + settings.spool() + ": " + e.getMessage(), e);
        }
    }

    /** Ratios observed by earlier runs, so a restart does not fall back to 1.0. */
    private static void seed(LedgerStore store, OutputRatios ratios, Clock clock, LedgerConfig settings) {
        try {
            for (RatioSeed seed : store.ratioSeeds(clock.instant().minus(settings.ratioWindow()))) {
                ratios.seed(seed.category(), seed.pairs(), seed.lowerTokens(), seed.frontierTokens());
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.INFO, "ledger: output ratios start empty: " + e.getMessage());
        }
    }

    private static void register(MeterRegistry registry, LedgerWriter writer) {
        Gauge.builder("tiergate.ledger.queue", writer, LedgerWriter::queued)
                .description("Ledger records waiting for the writer").register(registry);
        Gauge.builder("tiergate.ledger.store.down", writer, w -> w.storeDown() ? 1 : 0)
                .description("1 while the ledger database is unreachable and records spool to disk").register(registry);
        FunctionCounter.builder("tiergate.ledger.records", writer, w -> w.stats().committed())
                .description("Ledger records by how they were stored").tag("outcome", "committed").register(registry);
        FunctionCounter.builder("tiergate.ledger.records", writer, w -> w.stats().spooled())
                .description("Ledger records by how they were stored").tag("outcome", "spooled").register(registry);
        FunctionCounter.builder("tiergate.ledger.records", writer, w -> w.stats().replayed())
                .description("Ledger records by how they were stored").tag("outcome", "replayed").register(registry);
    }
}
