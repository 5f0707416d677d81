package dev.tiergate.eval.judged;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.provider.Provider;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs an eval into a directory: skips the prompts its checkpoint already holds, evaluates the rest with bounded
 * concurrency, appends each finished row to the checkpoint, and stops starting prompts at the spending cap or on
 * {@link #interrupt()}. Whatever happened, it ends by writing the report of every finished row. One instance runs
 * once.
 */
public final class EvalRunner {
    /** Called after each row is safely in the checkpoint; {@code finished} counts resumed rows too. */
    @FunctionalInterface
    public interface RowListener {
        void rowFinished(EvalRow row, int finished);
    }

    private final TiergateConfig config;
    private final EvalSettings settings;
    private final Function<ModelEndpoint, Provider> providers;
    private final PrintStream progressOut;
    private final InFlight inFlight;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<RunStatus> stop = new AtomicReference<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicInteger errors = new AtomicInteger();

    /**
     * @param providers   creates the upstream provider of a model ({@code Providers::create} outside tests)
     * @param progressOut where the progress bar goes (stderr), or null for none
     */
    public EvalRunner(TiergateConfig config, EvalSettings settings, Function<ModelEndpoint, Provider> providers, PrintStream progressOut) {
        this.config = config;
        this.settings = settings;
        this.providers = providers;
        this.progressOut = progressOut;
        this.inFlight = new InFlight(config.server().requestTimeout());
    }

    public RunOutcome run(List<EvalItem> items, Path dir) throws IOException {
        return run(items, dir, (row, finished) -> { });
    }

    /** @throws EvalException before any call, when the settings do not fit the config or the directory's earlier run */
    public RunOutcome run(List<EvalItem> items, Path dir, RowListener listener) throws IOException {
        try {
            EvalModels models = EvalModels.resolve(config, settings);
            claim(dir, models);
            try (Checkpoint checkpoint = Checkpoint.open(dir);
                 EvalGateway gateway = EvalGateway.create(config, providers, new RateLimits(settings.requestsPerMinute()))) {
                if (checkpoint.droppedBytes() > 0 && progressOut != null) {
                    progressOut.println("eval: dropped " + checkpoint.droppedBytes() + " bytes of an unfinished row at the end of the checkpoint; that prompt runs again");
                }
                Map<String, EvalRow> earlier = checkpoint.rows();
                List<EvalItem> todo = items.stream().filter(item -> needsRun(earlier.get(item.id()))).toList();
                int paidFor = (int) items.stream().filter(item -> earlier.containsKey(item.id())).count();
                int resumed = paidFor - countRetried(todo, earlier);
                SpendMeter spend = new SpendMeter(settings.maxSpendUsd(), spentOn(items, earlier), paidFor);
                RowEvaluator evaluator = evaluator(gateway, models);
                int ranNow = evaluate(todo, resumed, items.size(), evaluator, checkpoint, spend, listener);
                Map<String, EvalRow> finished = checkpoint.rows();
                boolean all = items.stream().allMatch(item -> finished.containsKey(item.id()));
                RunStatus status = all ? RunStatus.COMPLETE : stop.get() != null ? stop.get() : RunStatus.INCOMPLETE;
                EvalResults results = new ReportBuilder(settings, config.ladder().tiers().stream().map(Tier::name).toList())
                        .build(items, finished, status);
                ReportWriter.write(dir, results);
                return new RunOutcome(status, resumed, ranNow, errors.get(), firstError.get(), dir, results);
            }
        } finally {
            done.countDown();
        }
    }

    /**
     * Ctrl-C: starts no more prompts and cancels the calls in flight (their rows are not kept, so a rerun does them
     * again); {@link #run} then writes the report of the finished rows and returns.
     */
    public void interrupt() {
        stop.compareAndSet(null, RunStatus.INTERRUPTED);
        inFlight.cancelAll();
    }

    /** For a shutdown hook: waits until {@link #run} has written its report, so the process exits after it. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private int evaluate(List<EvalItem> todo, int resumed, int total, RowEvaluator evaluator, Checkpoint checkpoint, SpendMeter spend,
                         RowListener listener) {
        ProgressBar progress = new ProgressBar(progressOut, total, resumed);
        AtomicInteger finished = new AtomicInteger(resumed);
        AtomicInteger ranNow = new AtomicInteger();
        progress.update(resumed, spend.spent());
        // a fixed pool takes tasks in submission order: with concurrency 1 prompts run exactly in the set's order
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), Thread.ofVirtual().name("eval-", 0).factory());
        try {
            for (EvalItem item : todo) {
                pool.execute(() -> {
                    if (stop.get() != null) {
                        return;
                    }
                    if (!spend.tryStart()) {
                        stop.compareAndSet(null, RunStatus.SPENDING_CAP);
                        return;
                    }
                    EvalRow row;
                    try {
                        row = evaluator.evaluate(item);
                        checkpoint.append(row);
                    } catch (CancellationException stopped) {
                        spend.abandoned();
                        return;
                    } catch (IOException e) {
                        // without a checkpoint nothing more can be kept: stop rather than pay for rows that are lost
                        spend.abandoned();
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, "cannot write the checkpoint: " + e.getMessage());
                        stop.compareAndSet(null, RunStatus.INCOMPLETE);
                        return;
                    } catch (RuntimeException e) {
                        spend.abandoned();
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, item.id() + ": " + e);
                        return;
                    }
                    spend.finished(rowCost(row));
                    ranNow.incrementAndGet();
                    int n = finished.incrementAndGet();
                    progress.update(n, spend.spent());
                    listener.rowFinished(row, n);
                });
            }
        } finally {
            pool.shutdown();
            awaitQuietly(pool);
            progress.finish();
        }
        return ranNow.get();
    }

    private RowEvaluator evaluator(EvalGateway gateway, EvalModels models) {
        DirectModel baseline = new DirectModel(gateway.dispatcher(), models.baseline(), "baseline");
        Judge judge = new Judge(new DirectModel(gateway.dispatcher(), models.judge(), "judge"));
        Judge judge2 = models.judge2() == null ? null : new Judge(new DirectModel(gateway.dispatcher(), models.judge2(), "judge"));
        return new RowEvaluator(gateway.gateway(), settings.route(), baseline, judge, judge2, inFlight);
    }

    /** Refuses a directory whose rows were produced with other settings; records ours in a fresh one. */
    private void claim(Path dir, EvalModels models) throws IOException {
        List<String> ladder = config.ladder().tiers().stream()
                .flatMap(t -> t.models().stream().map(m -> t.name() + ":" + m.name() + "=" + m.model())).toList();
        RunManifest ours = new RunManifest(settings.route(), describe(models.baseline()), describe(models.judge()),
                models.judge2() == null ? null : describe(models.judge2()), ladder);
        RunManifest earlier = RunManifest.read(dir);
        if (earlier != null) {
            List<String> diffs = ours.differences(earlier);
            if (!diffs.isEmpty()) {
                throw new EvalException(dir + " holds an eval run with other settings (" + String.join("; ", diffs)
                        + "); its rows cannot be mixed with this run's: use another --out directory");
            }
            return;
        }
        ours.write(dir);
    }

    private static String describe(ModelEndpoint model) {
        return model.name() + "=" + model.model();
    }

    private boolean needsRun(EvalRow row) {
        if (row == null) {
            return true;
        }
        Exclusion exclusion = row.exclusion();
        return settings.retryExcluded() && (exclusion == Exclusion.BASELINE_FAILED || exclusion == Exclusion.JUDGE_FAILED);
    }

    private static int countRetried(List<EvalItem> todo, Map<String, EvalRow> earlier) {
        return (int) todo.stream().filter(item -> earlier.containsKey(item.id())).count();
    }

    /** The cap covers the whole eval, so rows of earlier runs count, at what they really cost. */
    private static double spentOn(List<EvalItem> items, Map<String, EvalRow> rows) {
        double spent = 0;
        for (EvalItem item : items) {
            EvalRow row = rows.get(item.id());
            if (row != null) {
                spent += rowCost(row);
            }
        }
        return spent;
    }

    private static double rowCost(EvalRow row) {
        return row.allCalls().stream().mapToDouble(ModelCall::costUsd).sum();
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // every call has its own timeout, so the pool always drains; keep waiting
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while waiting for the eval to finish"));
        }
    }
}
