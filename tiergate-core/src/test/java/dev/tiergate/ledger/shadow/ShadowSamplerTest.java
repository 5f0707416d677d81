package dev.tiergate.ledger.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.ledger.Categorizer;
import dev.tiergate.ledger.Counterfactual;
import dev.tiergate.ledger.GateReader;
import dev.tiergate.ledger.LedgerEntry;
import dev.tiergate.ledger.LedgerStage;
import dev.tiergate.ledger.LedgerTestKit;
import dev.tiergate.ledger.LengthPair;
import dev.tiergate.ledger.OutputRatios;
import dev.tiergate.ledger.RequestRecorder;
import dev.tiergate.ledger.ShadowRecord;
import dev.tiergate.ledger.config.ShadowConfig;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.provider.CallContext;
import dev.tiergate.testing.ScriptedProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shadow parity against in-memory frontier and judge models: both orders asked, parity combined, budget and slots respected. */
class ShadowSamplerTest {
    private final TiergateConfig config = LedgerTestKit.config("");
    private final LedgerTestKit kit = new LedgerTestKit();
    private final List<LedgerEntry> entries = Collections.synchronizedList(new ArrayList<>());
    private final List<ShadowRecord> results = Collections.synchronizedList(new ArrayList<>());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ShadowSampler sampler(double rate, double maxDailyUsd, int slots) {
        return sampler(rate, maxDailyUsd, slots, Duration.ZERO);
    }

    private ShadowSampler sampler(double rate, double maxDailyUsd, int slots, Duration delay) {
        ShadowCaller real = ShadowCaller.of(kit.dispatcher(config));
        ShadowCaller caller = (request, tier, budget) -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.call(request, tier, budget);
        };
        PairwiseJudge judge = new PairwiseJudge(caller, config.model("judge").orElseThrow(), config.ladder().size());
        return new ShadowSampler(new ShadowConfig(rate, "judge", maxDailyUsd, slots, Duration.ofSeconds(10), false), config.ladder(),
                judge, caller, entries::add, results::add, () -> 0.5, Clock.systemUTC(), registry);
    }

    private Gateway gateway(ShadowSampler sampler) {
        OutputRatios ratios = new OutputRatios(5);
        RequestRecorder recorder = new RequestRecorder(config.ladder(), new Counterfactual(config.ladder().frontier().primary().price(), ratios),
                new Categorizer(), GateReader.NONE, false);
        return kit.gateway(config, registry, new LedgerStage(recorder, entries::add, List.of(sampler)));
    }

    private void send(Gateway gateway, String model, String id) {
        gateway.handle(LedgerTestKit.request(model, "Name three primary colours"), LedgerTestKit.meta(id, "team-a"), CallContext.unbounded(), null);
    }

    @Test
    void aRoutedDownAnswerIsComparedInBothOrders() throws Exception {
        ScriptedProvider judge = kit.providers.get("judge");
        judge.answer("A").answer("TIE"); // routed shown first wins, then a tie: 1 + 0.5 -> parity
        try (ShadowSampler sampler = sampler(1.0, 5, 2)) {
            send(gateway(sampler), "auto", "req-1");
            assertThat(sampler.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(judge.requests()).hasSize(2);
        String first = judge.requests().get(0).lastUserText();
        String second = judge.requests().get(1).lastUserText();
        assertThat(first.indexOf("cheap answer here")).isLessThan(first.indexOf("frontier answer that is longer"));
        assertThat(second.indexOf("frontier answer that is longer")).isLessThan(second.indexOf("cheap answer here"));
        assertThat(kit.providers.get("frontier").requests()).singleElement().satisfies(r -> assertThat(r.stream()).isFalse());
        ShadowRecord shadow = results.getFirst();
        assertThat(shadow.requestId()).isEqualTo("req-1");
        assertThat(shadow.verdictFirst()).isEqualTo("routed");
        assertThat(shadow.verdictSecond()).isEqualTo("tie");
        assertThat(shadow.parity()).isTrue();
        assertThat(shadow.judgeModel()).isEqualTo("judge");
        assertThat(shadow.costUsd()).isPositive();
        assertThat(entries).filteredOn(e -> e instanceof LengthPair).singleElement()
                .satisfies(e -> assertThat(((LengthPair) e).source()).isEqualTo("shadow"));
    }

    @Test
    void losingInOneOrderAndTyingInTheOtherIsBelowParity() throws Exception {
        kit.providers.get("judge").answer("TIE").answer("A"); // tie, then the frontier (shown first) wins: 0.5 + 0 -> 0.25
        try (ShadowSampler sampler = sampler(1.0, 5, 2)) {
            send(gateway(sampler), "auto", "req-1");
            assertThat(sampler.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(results.getFirst().parity()).isFalse();
        assertThat(results.getFirst().verdictSecond()).isEqualTo("frontier");
    }

    @Test
    void frontierAnswersAndUnsampledRequestsAreNotShadowed() throws Exception {
        try (ShadowSampler sampler = sampler(0.4, 5, 2)) { // the test's random draw is 0.5: never below 0.4
            send(gateway(sampler), "auto", "req-1");
            sampler.awaitIdle(Duration.ofSeconds(5));
        }
        try (ShadowSampler sampler = sampler(1.0, 5, 2)) {
            send(gateway(sampler), "top", "req-2");
            sampler.awaitIdle(Duration.ofSeconds(5));
        }

        assertThat(kit.providers.get("frontier").calls()).isEqualTo(1); // only req-2's own answer
        assertThat(results).isEmpty();
    }

    @Test
    void stopsForTheDayOnceTheBudgetIsSpent() throws Exception {
        try (ShadowSampler sampler = sampler(1.0, 0.0000001, 2)) {
            Gateway gateway = gateway(sampler);
            send(gateway, "auto", "req-1");
            assertThat(sampler.awaitIdle(Duration.ofSeconds(10))).isTrue();
            send(gateway, "auto", "req-2");
            assertThat(sampler.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(sampler.spentToday()).isPositive();
        }

        assertThat(results).hasSize(1);
        assertThat(registry.counter("tiergate.shadow.samples", "outcome", "skipped_budget").count()).isEqualTo(1);
    }

    @Test
    void skipsRatherThanQueuesWhenEverySlotIsBusy() throws Exception {
        try (ShadowSampler sampler = sampler(1.0, 5, 1, Duration.ofSeconds(2))) {
            Gateway gateway = gateway(sampler);
            send(gateway, "auto", "req-1");
            send(gateway, "auto", "req-2"); // the only slot is still busy with req-1
            assertThat(sampler.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(registry.counter("tiergate.shadow.samples", "outcome", "skipped_busy").count()).isEqualTo(1);
    }

    @Test
    void aJudgeWithoutAVerdictDiscardsTheSample() throws Exception {
        kit.providers.get("judge").answer("I think both are fine really");
        try (ShadowSampler sampler = sampler(1.0, 5, 1)) {
            send(gateway(sampler), "auto", "req-1");
            assertThat(sampler.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(results).isEmpty();
        assertThat(registry.counter("tiergate.shadow.samples", "outcome", "judge_failed").count()).isEqualTo(1);
    }
}
