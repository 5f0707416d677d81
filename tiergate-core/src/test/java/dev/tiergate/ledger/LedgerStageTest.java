package dev.tiergate.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.dispatch.Attempt;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.pipeline.Exchange;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.pipeline.GatewayException;
import dev.tiergate.pipeline.GatewayResult;
import dev.tiergate.pipeline.Interceptor;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.ProviderException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the ledger stage records for answered, failed, escalated and frontier requests, without a database. */
class LedgerStageTest {
    private final TiergateConfig config = LedgerTestKit.config("");
    private final Ladder ladder = config.ladder();
    private final LedgerTestKit kit = new LedgerTestKit();
    private final List<LedgerEntry> entries = Collections.synchronizedList(new ArrayList<>());
    private final OutputRatios ratios = new OutputRatios(3);

    private Gateway gateway(boolean storePrompts, List<Interceptor> inner) {
        RequestRecorder recorder = new RequestRecorder(ladder, new Counterfactual(ladder.frontier().primary().price(), ratios),
                new Categorizer(), GateReader.FROM_ATTEMPT, storePrompts);
        LedgerStage stage = new LedgerStage(recorder, new RatioLearningSink(ratios, entries::add), List.of());
        return new Gateway(config, kit.dispatcher(config), new SimpleMeterRegistry(), List.of(stage), inner);
    }

    private GatewayResult call(Gateway gateway, String model, String text) {
        return gateway.handle(LedgerTestKit.request(model, text),
                LedgerTestKit.meta("req-1", "team-a", Instant.parse("2026-03-01T10:00:00Z"), Map.of("x-tiergate-category", "Support")),
                CallContext.unbounded(), null);
    }

    private List<RequestRecord> records() {
        return entries.stream().filter(e -> e instanceof RequestRecord).map(e -> (RequestRecord) e).toList();
    }

    private static double frontierCost(long in, long out) {
        return (in * 10.0 + out * 20.0) / 1_000_000;
    }

    @Test
    void recordsARoutedDownRequestWithItsCounterfactualAndNoPrompt() {
        GatewayResult result = call(gateway(false, List.of()), "auto", "Hi there");

        RequestRecord r = records().getFirst();
        Attempt attempt = result.attempts().getFirst();
        assertThat(r.id()).isEqualTo("req-1");
        assertThat(r.atMillis()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
        assertThat(r.keyId()).isEqualTo("team-a");
        assertThat(r.route()).isEqualTo("auto");
        assertThat(r.strategy()).isEqualTo("length");
        assertThat(r.threshold()).isEqualTo(result.decision().threshold());
        assertThat(r.score()).isNotNull();
        assertThat(r.category()).isEqualTo("support");
        assertThat(r.routedTier()).isEqualTo("cheap");
        assertThat(r.tier()).isEqualTo("cheap");
        assertThat(r.model()).isEqualTo("cheap");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.escalated()).isFalse();
        assertThat(r.costUsd()).isEqualTo(attempt.costUsd()).isPositive();
        assertThat(r.counterfactualEstimate()).isEqualTo("default");
        assertThat(r.counterfactualOutputTokens()).isEqualTo(attempt.usage().outputTokens());
        assertThat(r.counterfactualUsd()).isCloseTo(frontierCost(attempt.usage().inputTokens(), attempt.usage().outputTokens()), within(1e-15));
        assertThat(r.prompt()).isNull();
        assertThat(r.attempts()).singleElement().satisfies(a -> {
            assertThat(a.model()).isEqualTo("cheap");
            assertThat(a.upstreamModel()).isEqualTo("gpt-5.4-nano");
            assertThat(a.status()).isEqualTo("ok");
            assertThat(a.inputTokens()).isEqualTo(attempt.usage().inputTokens());
            assertThat(a.ttftMs()).isNotNull();
        });
    }

    @Test
    void storesThePromptOnlyWhenAskedTo() {
        call(gateway(true, List.of()), "auto", "Hi there");

        assertThat(records().getFirst().prompt()).contains("Hi there");
    }

    @Test
    void aFailedRequestIsRecordedWithEveryFailedAttempt() {
        ProviderException busy = ProviderException.http(503, "busy", null);
        kit.providers.get("mid").fail(busy).fail(busy).fail(busy);

        GatewayException e = catchThrowableOfType(GatewayException.class, () -> call(gateway(false, List.of()), "mid", "Hi"));

        RequestRecord r = records().getFirst();
        assertThat(r.status()).isEqualTo(e.status()).isEqualTo(502);
        assertThat(r.errorCode()).isEqualTo("upstream_error");
        assertThat(r.tier()).isNull();
        assertThat(r.routedTier()).isEqualTo("mid");
        assertThat(r.attempts()).hasSize(3).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo("error");
            assertThat(a.httpStatus()).isEqualTo(503);
            assertThat(a.error()).contains("busy");
        });
    }

    @Test
    void aFrontierAnswerIsItsOwnCounterfactual() {
        GatewayResult result = call(gateway(false, List.of()), "top", "Hi");

        RequestRecord r = records().getFirst();
        assertThat(r.counterfactualEstimate()).isEqualTo("frontier");
        assertThat(r.counterfactualUsd()).isCloseTo(result.costUsd(), within(1e-15));
    }

    /** Escalates every answer once to the frontier, as a failed gate would, keeping both attempts. */
    private static Interceptor escalateToFrontier(int frontier, boolean failTerminally) {
        return chain -> {
            Exchange exchange = chain.exchange();
            GatewayResult low = chain.proceed(exchange);
            GatewayResult top = chain.proceed(exchange.withDecision(exchange.decision().atTier(frontier, "gate failed")));
            List<Attempt> attempts = new ArrayList<>(low.attempts());
            attempts.addAll(top.attempts());
            return new GatewayResult(top.response(), top.decision(), top.tier(), top.answeredBy(), attempts,
                    failTerminally ? Map.of("x-tiergate-gate", "failed") : Map.of());
        };
    }

    @Test
    void anEscalationIsFlaggedAndTeachesTheOutputRatio() {
        Gateway gateway = gateway(false, List.of(escalateToFrontier(2, false)));

        GatewayResult result = call(gateway, "auto", "Hi");

        RequestRecord r = records().getFirst();
        assertThat(r.escalated()).isTrue();
        assertThat(r.terminal()).isFalse();
        assertThat(r.routedTier()).isEqualTo("cheap");
        assertThat(r.tier()).isEqualTo("frontier");
        assertThat(r.costUsd()).isCloseTo(result.costUsd(), within(1e-15));
        assertThat(r.attempts()).extracting(AttemptRecord::tier).containsExactly("cheap", "frontier");
        LengthPair pair = entries.stream().filter(e -> e instanceof LengthPair).map(e -> (LengthPair) e).findFirst().orElseThrow();
        assertThat(pair.source()).isEqualTo("escalation");
        assertThat(pair.lowerTokens()).isEqualTo(result.attempts().get(0).usage().outputTokens());
        assertThat(pair.frontierTokens()).isEqualTo(result.attempts().get(1).usage().outputTokens());
        assertThat(ratios.estimate("support").samples()).isEqualTo(1);
    }

    @Test
    void afterEnoughObservedPairsTheCategoryRatioPricesTheCounterfactual() {
        ratios.seed("support", 3, 300, 600); // the frontier writes twice as much in this category

        GatewayResult result = call(gateway(false, List.of()), "auto", "Hi there");

        RequestRecord r = records().getFirst();
        long out = result.attempts().getFirst().usage().outputTokens();
        assertThat(r.counterfactualEstimate()).isEqualTo("ratio");
        assertThat(r.counterfactualOutputTokens()).isEqualTo(2 * out);
        assertThat(r.counterfactualUsd()).isCloseTo(frontierCost(result.attempts().getFirst().usage().inputTokens(), 2 * out), within(1e-15));
    }

    @Test
    void aTerminalGateFailureIsFlagged() {
        call(gateway(false, List.of(escalateToFrontier(2, true))), "auto", "Hi");

        RequestRecord r = records().getFirst();
        assertThat(r.terminal()).isTrue();
        assertThat(r.gateFailed()).isTrue();
    }

    @Test
    void aBrokenSinkNeverFailsTheRequest() {
        RequestRecorder recorder = new RequestRecorder(ladder, new Counterfactual(ladder.frontier().primary().price(), ratios),
                new Categorizer(), GateReader.FROM_ATTEMPT, false);
        LedgerStage stage = new LedgerStage(recorder, entry -> {
            throw new IllegalStateException("disk on fire");
        }, List.of());
        Gateway gateway = new Gateway(config, kit.dispatcher(config), new SimpleMeterRegistry(), List.of(stage), List.of());

        assertThat(call(gateway, "auto", "Hi").response().text()).isEqualTo("cheap answer here");
    }
}
