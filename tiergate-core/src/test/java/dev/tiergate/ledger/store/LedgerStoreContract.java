package dev.tiergate.ledger.store;

import static dev.tiergate.ledger.Records.answered;
import static dev.tiergate.ledger.Records.attempt;
import static dev.tiergate.ledger.Records.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.ledger.GateOutcome;
import dev.tiergate.ledger.GateReader;
import dev.tiergate.ledger.Ledger;
import dev.tiergate.ledger.LedgerEntry;
import dev.tiergate.ledger.LedgerTestKit;
import dev.tiergate.ledger.LengthPair;
import dev.tiergate.ledger.RequestRecord;
import dev.tiergate.ledger.ShadowRecord;
import dev.tiergate.ledger.config.LedgerConfig;
import dev.tiergate.ledger.report.Dimension;
import dev.tiergate.ledger.report.Reports;
import dev.tiergate.ledger.report.SavingsReport;
import dev.tiergate.ledger.report.Window;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.pipeline.GatewayException;
import dev.tiergate.pipeline.GatewayResult;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.ProviderException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's behaviour, run unchanged against every store (SQLite and PostgreSQL): what is written is read back
 * whole, replays are idempotent, concurrent traffic loses nothing, an outage spools and replays, and the report's
 * figures equal hand-computed ones.
 */
abstract class LedgerStoreContract {
    static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** The store's settings; {@code spool} under {@code dir}. */
    abstract LedgerConfig ledgerConfig(Path dir);

    /** The same store as a {@code ledger:} YAML section. */
    abstract String ledgerYaml(Path dir);

    /** A store behind a switchable outage. */
    abstract Outage outage(Path dir) throws Exception;

    interface Outage extends AutoCloseable {
        LedgerStore store();

        void down() throws Exception;

        void up() throws Exception;
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(0, closeable);
        return closeable;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    LedgerStore open() {
        return closeLater(JdbcLedgerStore.open(ledgerConfig(dir)));
    }

    @Test
    void aRequestIsReadBackWithEveryAttemptAndItsGateVerdicts() throws Exception {
        LedgerStore store = open();
        List<GateOutcome> gates = List.of(new GateOutcome("json", false, "not JSON"), new GateOutcome("min_length", true, "40 >= 20"));
        RequestRecord record = with(answered("r-1", NOW.toEpochMilli(), "auto", "code", "team-a", "frontier", 2, 0.03, 0.028, 900),
                true, true, 200, List.of(attempt(0, "cheap", 0, 100, 50, 0.002, "ok", gates), attempt(1, "frontier", 2, 100, 60, 0.028, "ok", List.of())));

        store.write(List.of(record));

        assertThat(store.find("r-1")).contains(record);
        assertThat(store.find("missing")).isEmpty();
        assertThat(store.counts()).isEqualTo(new LedgerStore.Counts(1, 2, 0, 0));
    }

    @Test
    void writingTheSameEntriesTwiceStoresThemOnce() throws Exception {
        LedgerStore store = open();
        List<LedgerEntry> batch = List.of(answered("r-1", NOW.toEpochMilli(), "auto", "chat", "a", "cheap", 0, 0.001, 0.01, 100),
                shadow("r-1", NOW.toEpochMilli(), "chat", true), new LengthPair("r-1", NOW.toEpochMilli(), "chat", "shadow", 50, 80));

        store.write(batch);
        store.write(batch);

        assertThat(store.counts()).isEqualTo(new LedgerStore.Counts(1, 1, 1, 1));
        assertThat(store.ratioSeeds(NOW.minus(Duration.ofDays(1)))).containsExactly(new RatioSeed("chat", 1, 50, 80));
    }

    @Test
    void batchesOfEverySizeStoreEveryRecordOnceAndReadBackIntact() throws Exception {
        // multi-row statements come in power-of-two shapes (64, 32, ... 1), so every batch size takes another path
        LedgerStore store = open();
        List<RequestRecord> all = new ArrayList<>();
        int[] sizes = IntStream.concat(IntStream.rangeClosed(1, 70), IntStream.of(127, 128, 129, 200)).toArray();
        for (int size : sizes) {
            List<LedgerEntry> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                RequestRecord r = answered("b" + size + "-" + i, NOW.toEpochMilli() + i, "auto", "chat", "k" + (i % 3), "cheap", 0,
                        0.001 * i, 0.01 * (i + 1), i);
                batch.add(r);
                all.add(r);
            }
            store.write(batch);
        }

        assertThat(store.counts()).isEqualTo(new LedgerStore.Counts(all.size(), all.size(), 0, 0));
        for (RequestRecord r : all) {
            if (r.id().startsWith("b15-") || r.id().startsWith("b127-") || r.id().startsWith("b1-")) {
                assertThat(store.find(r.id())).contains(r);
            }
        }
    }

    @Test
    void twoHundredConcurrentRequestsGiveExactlyTwoHundredRecordsAndAllTheirAttempts() throws Exception {
        TiergateConfig config = LedgerTestKit.config(ledgerYaml(dir));
        LedgerTestKit kit = new LedgerTestKit();
        ProviderException flaky = ProviderException.http(503, "busy", null);
        for (int i = 0; i < 40; i++) {
            kit.providers.get("cheap").fail(flaky); // 40 retries spread over the cheap requests
        }
        for (int i = 0; i < 30; i++) {
            kit.providers.get("mid").fail(flaky); // some mid requests exhaust their retries and fail
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Ledger ledger = Ledger.start(config, null, GateReader.FROM_ATTEMPT, registry, Clock.systemUTC());
        Gateway gateway = kit.gateway(config, registry, ledger.stage());
        Map<String, Integer> attemptsSeen = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                String id = "req-" + i;
                String model = i % 10 == 0 ? "mid" : i % 10 == 1 ? "top" : "auto";
                calls.add(pool.submit(() -> {
                    go.await();
                    try {
                        GatewayResult result = gateway.handle(LedgerTestKit.request(model, "Hello there " + id),
                                LedgerTestKit.meta(id, "key-" + (id.hashCode() & 3)), CallContext.within(Duration.ofSeconds(30)), null);
                        attemptsSeen.put(id, result.attempts().size());
                    } catch (GatewayException e) {
                        failures.incrementAndGet();
                        attemptsSeen.put(id, e.attempts().size());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
        }
        ledger.close(); // graceful shutdown flushes the queue

        LedgerStore store = open();
        int expectedAttempts = attemptsSeen.values().stream().mapToInt(Integer::intValue).sum();
        int upstreamCalls = kit.providers.values().stream().mapToInt(p -> p.calls()).sum();
        assertThat(attemptsSeen).hasSize(200);
        assertThat(expectedAttempts).isEqualTo(upstreamCalls).isGreaterThan(200);
        assertThat(failures.get()).isPositive();
        assertThat(store.counts().requests()).isEqualTo(200);
        assertThat(store.counts().attempts()).isEqualTo(expectedAttempts);
        for (Map.Entry<String, Integer> seen : attemptsSeen.entrySet()) {
            RequestRecord stored = store.find(seen.getKey()).orElseThrow();
            assertThat(stored.attempts()).as(seen.getKey()).hasSize(seen.getValue());
            assertThat(stored.keyId()).startsWith("key-");
        }
        assertThat(Files.exists(ledgerConfig(dir).spool())).isFalse();
    }

    @Test
    void anOutageSpoolsToDiskAndReplaysWithNothingLost() throws Exception {
        Outage outage = closeLater(outage(dir));
        LedgerStore direct = open(); // reads around the outage
        Spool spool = new Spool(dir.resolve("outage.spool"));
        LedgerWriter writer = closeLater(new LedgerWriter(outage.store(), spool,
                new LedgerWriter.Settings(1024, 100, Duration.ofMillis(5), Duration.ofMillis(100), Duration.ZERO), Clock.systemUTC()).start());
        long at = NOW.toEpochMilli();
        for (int i = 0; i < 50; i++) {
            writer.accept(answered("before-" + i, at, "auto", "chat", "a", "cheap", 0, 0.001, 0.01, 10));
        }
        assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();

        outage.down();
        for (int i = 0; i < 300; i++) {
            writer.accept(answered("during-" + i, at, "auto", "chat", "a", "cheap", 0, 0.001, 0.01, 10));
            if (i % 50 == 0) {
                Thread.sleep(20); // several batches, several failed commits
            }
        }
        waitFor(() -> writer.stats().spooled() >= 300, Duration.ofSeconds(10));
        assertThat(writer.storeDown()).isTrue();
        assertThat(spool.pending()).isTrue();
        assertThat(direct.counts().requests()).isEqualTo(50);

        outage.up();
        assertThat(writer.awaitIdle(Duration.ofSeconds(20))).isTrue();

        assertThat(direct.counts().requests()).isEqualTo(350);
        assertThat(direct.counts().attempts()).isEqualTo(350);
        assertThat(writer.stats().replayed()).isGreaterThanOrEqualTo(300);
        assertThat(direct.find("during-299")).isPresent();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("outage.spool") && n.endsWith(".replay"))).isEmpty();
        }
    }

    @Test
    void reportFiguresEqualHandComputedOnesOnAFixedScenario() throws Exception {
        LedgerStore store = open();
        long day = Duration.ofDays(1).toMillis();
        long t = NOW.toEpochMilli() - 2 * day;
        List<LedgerEntry> entries = new ArrayList<>();
        entries.add(answered("r1", t, "auto", "chat", "a", "cheap", 0, 0.001, 0.010, 100));
        entries.add(answered("r2", t + 1000, "auto", "chat", "a", "cheap", 0, 0.002, 0.020, 200));
        entries.add(answered("r3", t - day, "auto", "code", "b", "mid", 1, 0.005, 0.015, 300));
        entries.add(with(answered("r4", t, "auto", "code", "b", "frontier", 2, 0.030, 0.028, 900), true, true, 200,
                List.of(attempt(0, "cheap", 0, 100, 50, 0.002, "ok", List.of(new GateOutcome("json", false, "not JSON"))),
                        attempt(1, "frontier", 2, 100, 60, 0.028, "ok", List.of()))));
        entries.add(answered("r5", t, "top", "chat", "a", "frontier", 2, 0.010, 0.010, 500));
        entries.add(with(answered("r6", t, "auto", "chat", "b", "cheap", 0, 0, 0, 50), false, false, 502,
                List.of(attempt(0, "cheap", 0, 0, 0, 0, "error", List.of()))));
        entries.add(answered("r7-old", NOW.toEpochMilli() - 8 * day, "auto", "chat", "a", "cheap", 0, 1, 100, 10));
        entries.add(shadow("r1", t + 5000, "chat", true));
        entries.add(shadow("r2", t + 5000, "chat", false));
        entries.add(shadow("r3", t + 5000, "code", true));
        entries.add(shadow("r7-old", NOW.toEpochMilli() - 8 * day, "chat", false));
        store.write(entries);

        SavingsReport report = new Reports(store).build(Window.parse("7d", NOW), Dimension.CATEGORY);

        var totals = report.totals();
        assertThat(totals.requests()).isEqualTo(6);
        assertThat(totals.failed()).isEqualTo(1);
        assertThat(totals.costUsd()).isCloseTo(0.048, within(1e-12));
        assertThat(totals.counterfactualUsd()).isCloseTo(0.083, within(1e-12));
        assertThat(totals.savingsPct()).isCloseTo((0.083 - 0.048) / 0.083 * 100, within(1e-9));
        assertThat(totals.escalationRate()).isCloseTo(1 / 6.0, within(1e-12));
        assertThat(totals.gateFailureRate()).isCloseTo(1 / 6.0, within(1e-12));
        assertThat(totals.parity()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(totals.paritySamples()).isEqualTo(3);
        assertThat(report.headline()).isEqualTo("42.2% cheaper at 66.7% parity (3 shadow samples)");
        assertThat(report.tierMix()).containsExactly(new SavingsReport.TierShare("cheap", 2, 0.4),
                new SavingsReport.TierShare("mid", 1, 0.2), new SavingsReport.TierShare("frontier", 2, 0.4));
        assertThat(report.latency()).containsExactly(new SavingsReport.TierLatency("cheap", 2, 100, 200),
                new SavingsReport.TierLatency("mid", 1, 300, 300), new SavingsReport.TierLatency("frontier", 2, 500, 900));
        assertThat(report.groups()).extracting(SavingsReport.Group::key).containsExactly("chat", "code");
        var chat = report.groups().get(0).figures();
        assertThat(chat.requests()).isEqualTo(4);
        assertThat(chat.costUsd()).isCloseTo(0.013, within(1e-12));
        assertThat(chat.counterfactualUsd()).isCloseTo(0.040, within(1e-12));
        assertThat(chat.savingsPct()).isCloseTo(67.5, within(1e-9));
        assertThat(chat.parity()).isCloseTo(0.5, within(1e-12));
        var code = report.groups().get(1).figures();
        assertThat(code.savingsPct()).isCloseTo((0.043 - 0.035) / 0.043 * 100, within(1e-9));
        assertThat(code.escalationRate()).isCloseTo(0.5, within(1e-12));
        assertThat(code.parity()).isCloseTo(1.0, within(1e-12));
        assertThat(report.series()).hasSize(8);
        assertThat(report.series().stream().mapToLong(p -> p.figures().requests()).sum()).isEqualTo(6);
        assertThat(report.series().stream().mapToDouble(p -> p.figures().costUsd()).sum()).isCloseTo(0.048, within(1e-12));
        assertThat(report.estimates()).containsEntry("default", 6L);

        SavingsReport byRoute = new Reports(store).build(Window.parse("7d", NOW), Dimension.ROUTE);
        assertThat(byRoute.groups()).extracting(SavingsReport.Group::key).containsExactly("auto", "top");
        assertThat(byRoute.groups().get(1).figures().headline()).isEqualTo("0.0% cheaper at unmeasured parity (no shadow samples in this window; enable shadow: to measure it)");
    }

    @Test
    void retentionDropsWhatIsOlderThanTheCutoff() throws Exception {
        LedgerStore store = open();
        Instant old = NOW.minus(Duration.ofDays(120));
        store.maintain(old, Duration.ZERO); // prepares the old month's partitions, as a running gateway would have
        store.write(List.of(answered("old", old.toEpochMilli(), "auto", "chat", "a", "cheap", 0, 0.001, 0.01, 10),
                answered("recent", NOW.toEpochMilli(), "auto", "chat", "a", "cheap", 0, 0.001, 0.01, 10),
                shadow("old", old.toEpochMilli(), "chat", true)));

        store.maintain(NOW, Duration.ofDays(30));

        assertThat(store.find("old")).isEmpty();
        assertThat(store.find("recent")).isPresent();
        assertThat(store.counts()).isEqualTo(new LedgerStore.Counts(1, 1, 0, 0));
    }

    static ShadowRecord shadow(String id, long at, String category, boolean parity) {
        return new ShadowRecord(id, at, "a", "auto", category, category.equals("code") ? "mid" : "cheap", "cheap", "frontier", "judge",
                parity ? "tie" : "frontier", parity ? "tie" : "frontier", parity, 50, 80, 0.004);
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + timeout).isTrue();
    }
}
