package dev.tiergate.ledger.shadow;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.dispatch.DispatchFailedException;
import dev.tiergate.dispatch.DispatchResult;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.Tier;
import dev.tiergate.ledger.LedgerSink;
import dev.tiergate.ledger.LengthPair;
import dev.tiergate.ledger.RequestObserver;
import dev.tiergate.ledger.RequestRecord;
import dev.tiergate.ledger.ShadowRecord;
import dev.tiergate.ledger.config.ShadowConfig;
import dev.tiergate.pipeline.Exchange;
import dev.tiergate.pipeline.GatewayResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Shadow parity: a sample of routed-down requests is sent to the frontier as well, after the client has its
 * answer and on the sampler's own threads. A judge of another family compares the routed answer with the
 * frontier's twice, once in each order, to cancel position bias: the routed answer scores 1 for a win, 0.5 for a
 * tie, 0 for a loss in each order, and counts as "good or better" (parity) when it averages at least 0.5.
 * A bounded number of comparisons run at once; when all slots are busy, or the day's budget is spent, the sample
 * is skipped, never queued: the request path never waits for the shadow.
 */
public final class ShadowSampler implements RequestObserver, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ShadowSampler.class.getName());

    private final ShadowConfig config;
    private final Tier frontier;
    private final PairwiseJudge judge;
    private final ShadowCaller caller;
    private final LedgerSink sink;
    private final Consumer<ShadowRecord> onResult;
    private final DoubleSupplier random;
    private final Clock clock;
    private final DailyBudget budget;
    private final MeterRegistry registry;
    private final Semaphore slots;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tiergate-shadow-", 0).factory());

    public ShadowSampler(ShadowConfig config, Ladder ladder, PairwiseJudge judge, ShadowCaller caller, LedgerSink sink,
                         Consumer<ShadowRecord> onResult, DoubleSupplier random, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.frontier = ladder.frontier();
        this.judge = judge;
        this.caller = caller;
        this.sink = sink;
        this.onResult = onResult;
        this.random = random;
        this.clock = clock;
        this.budget = new DailyBudget(config.maxDailyUsd(), clock);
        this.registry = registry;
        this.slots = new Semaphore(config.maxConcurrent());
    }

    @Override
    public void observe(Exchange exchange, GatewayResult result, RequestRecord record) {
        if (result == null || result.tier().index() >= frontier.index() || random.getAsDouble() >= config.rate()) {
            return;
        }
        if (!budget.allows()) {
            count("skipped_budget");
            return;
        }
        if (!slots.tryAcquire()) {
            count("skipped_busy");
            return;
        }
        ChatRequest request = exchange.request().without("stream", "stream_options");
        String routedAnswer = result.response().text();
        try {
            executor.execute(() -> {
                try {
                    compare(request, routedAnswer, result.response(), record);
                } finally {
                    slots.release();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            slots.release(); // shutting down
        }
    }

    public double spentToday() {
        return budget.spentToday();
    }

    /** Waits for running comparisons (tests, shutdown). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (slots.tryAcquire(config.maxConcurrent(), timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            slots.release(config.maxConcurrent());
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void compare(ChatRequest request, String routedAnswer, ChatResponse routed, RequestRecord record) {
        double cost = 0;
        try {
            DispatchResult top = caller.call(request, frontier, config.timeout());
            cost += top.attempts().stream().mapToDouble(a -> a.costUsd()).sum();
            String question = request.allText();
            String frontierAnswer = top.response().text();
            PairwiseJudge.Call first = judge.judge(question, routedAnswer, frontierAnswer, config.timeout());
            cost += first.costUsd();
            PairwiseJudge.Call second = judge.judge(question, frontierAnswer, routedAnswer, config.timeout());
            cost += second.costUsd();
            double score = (first.verdict().scoreFor(Verdict.A) + second.verdict().scoreFor(Verdict.B)) / 2;
            ShadowRecord shadow = new ShadowRecord(record.id(), clock.millis(), record.keyId(), record.route(), record.category(),
                    record.tier(), record.model(), top.answeredBy().name(), judge.model().name(),
                    first.verdict().label(Verdict.A), second.verdict().label(Verdict.B), score >= 0.5,
                    routed.usage().outputTokens(), top.response().usage().outputTokens(), cost);
            sink.accept(shadow);
            sink.accept(new LengthPair(record.id(), shadow.atMillis(), record.category(), "shadow",
                    routed.usage().outputTokens(), top.response().usage().outputTokens()));
            onResult.accept(shadow);
            count("compared");
        } catch (DispatchFailedException e) {
            count("failed");
            LOG.log(System.Logger.Level.INFO, "shadow: frontier call failed for " + record.id() + ": " + e.getMessage());
        } catch (PairwiseJudge.JudgeException e) {
            cost += e.costUsd();
            count("judge_failed");
            LOG.log(System.Logger.Level.INFO, "shadow: " + e.getMessage() + " for " + record.id());
        } catch (RuntimeException e) {
            count("failed");
            LOG.log(System.Logger.Level.WARNING, "shadow: comparison failed for " + record.id(), e);
        } finally {
            budget.add(cost);
            Counter.builder("tiergate.shadow.cost.usd").description("Spent on shadow frontier and judge calls, USD")
                    .register(registry).increment(cost);
        }
    }

    private void count(String outcome) {
        Counter.builder("tiergate.shadow.samples").description("Shadow parity samples by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
