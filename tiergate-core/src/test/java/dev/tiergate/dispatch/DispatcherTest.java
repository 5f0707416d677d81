package dev.tiergate.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.chat.StreamStart;
import dev.tiergate.config.CooldownPolicy;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.pricing.Price;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import dev.tiergate.testing.Endpoints;
import dev.tiergate.testing.ScriptedProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private final ModelEndpoint primary = Endpoints.scripted("primary", Price.of(1, 2));
    private final ModelEndpoint backup = Endpoints.scripted("backup", Price.of(3, 4));
    private final Map<String, ScriptedProvider> providers = new HashMap<>(Map.of(
            "primary", new ScriptedProvider("primary-model"),
            "backup", new ScriptedProvider("backup-model")));
    private final List<Duration> sleeps = new ArrayList<>();
    private final Cooldowns cooldowns = new Cooldowns(new CooldownPolicy(2, Duration.ofMinutes(1)), Clock.systemUTC());
    private final Dispatcher dispatcher = new Dispatcher(e -> (Provider) providers.get(e.name()), cooldowns, sleeps::add);
    private final Tier tier = new Tier(0, "cheap", List.of(primary, backup), Tier.Balance.FAILOVER);

    private static ChatRequest request() {
        ObjectNode body = Json.object();
        body.put("model", "auto");
        body.putArray("messages").addObject().put("role", "user").put("content", "What is two plus two?");
        return new ChatRequest(body);
    }

    private DispatchResult dispatch() throws DispatchFailedException {
        return dispatcher.dispatch(request(), tier, Optional.empty(), CallContext.unbounded(), null);
    }

    private static ProviderException http(int status, Duration retryAfter) {
        return ProviderException.http(status, "upstream said " + status, retryAfter);
    }

    @Test
    void answersFromTheFirstModelAndPricesTheAttempt() throws Exception {
        providers.get("primary").answer("four");

        DispatchResult result = dispatch();

        assertThat(result.response().text()).isEqualTo("four");
        assertThat(result.answeredBy().name()).isEqualTo("primary");
        assertThat(result.attempts()).singleElement().satisfies(a -> {
            assertThat(a.succeeded()).isTrue();
            assertThat(a.costUsd()).isEqualTo(primary.price().cost(a.usage())).isPositive();
        });
    }

    @Test
    void retriesA429HonouringRetryAfterThenSucceeds() throws Exception {
        providers.get("primary").fail(http(429, Duration.ofMillis(3))).answer("four");

        DispatchResult result = dispatch();

        assertThat(result.answeredBy().name()).isEqualTo("primary");
        assertThat(result.attempts()).extracting(Attempt::status).containsExactly(Attempt.Status.ERROR, Attempt.Status.OK);
        assertThat(result.attempts().get(0).httpStatus()).isEqualTo(429);
        assertThat(sleeps).containsExactly(Duration.ofMillis(3));
    }

    @Test
    void retryAfterIsCappedByTheMaximumBackoff() throws Exception {
        providers.get("primary").fail(http(503, Duration.ofHours(1))).answer("four");
        dispatch();
        assertThat(sleeps).containsExactly(Endpoints.FAST_RETRY.maxBackoff());
    }

    @Test
    void failsOverToTheNextModelWhenRetriesAreExhausted() throws Exception {
        providers.get("primary").fail(http(500, null)).fail(http(502, null)).fail(http(503, null));
        providers.get("backup").answer("four from backup");

        DispatchResult result = dispatch();

        assertThat(result.answeredBy().name()).isEqualTo("backup");
        assertThat(result.attempts()).hasSize(4);
        assertThat(providers.get("primary").calls()).isEqualTo(1 + Endpoints.FAST_RETRY.maxRetries());
        assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Endpoints.FAST_RETRY.maxBackoff()));
    }

    @Test
    void aClientErrorIsNotRetriedNorFailedOver() {
        providers.get("primary").fail(http(400, null));

        DispatchFailedException e = catchThrowableOfType(DispatchFailedException.class, this::dispatch);

        assertThat(e.last().kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(e.attempts()).hasSize(1);
        assertThat(providers.get("backup").calls()).isZero();
    }

    @Test
    void everyModelFailingReportsAllAttempts() {
        for (int i = 0; i < 3; i++) {
            providers.get("primary").fail(new ProviderException(Kind.CONNECT, "connection refused"));
            providers.get("backup").fail(new ProviderException(Kind.TIMEOUT_FIRST_TOKEN, "no first token in 2s"));
        }

        DispatchFailedException e = catchThrowableOfType(DispatchFailedException.class, this::dispatch);

        assertThat(e.attempts()).hasSize(6);
        assertThat(e.attempts()).extracting(Attempt::status).contains(Attempt.Status.ERROR, Attempt.Status.TIMEOUT);
        assertThat(e.last().isTimeout()).isTrue();
    }

    @Test
    void aFailingModelCoolsDownAndIsTriedLast() throws Exception {
        for (int i = 0; i < 3; i++) {
            providers.get("primary").fail(http(500, null));
        }
        dispatch(); // primary fails 3 times (2 needed to cool), backup answers
        assertThat(cooldowns.isCooling("primary")).isTrue();

        providers.get("backup").answer("fresh");
        DispatchResult next = dispatch();

        assertThat(next.answeredBy().name()).isEqualTo("backup");
        assertThat(next.attempts()).hasSize(1);
    }

    @Test
    void roundRobinSpreadsRequestsAcrossTheTier() throws Exception {
        Tier balanced = new Tier(0, "cheap", List.of(primary, backup), Tier.Balance.ROUND_ROBIN);
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answeredBy.add(dispatcher.dispatch(request(), balanced, Optional.empty(), CallContext.unbounded(), null).answeredBy().name());
        }
        assertThat(answeredBy).containsExactly("primary", "backup", "primary", "backup");
    }

    @Test
    void aPinnedModelIsTheOnlyOneTried() {
        providers.get("backup").fail(http(500, null)).fail(http(500, null)).fail(http(500, null));
        DispatchFailedException e = catchThrowableOfType(DispatchFailedException.class,
                () -> dispatcher.dispatch(request(), tier, Optional.of("backup"), CallContext.unbounded(), null));
        assertThat(e.attempts()).allSatisfy(a -> assertThat(a.endpoint()).isEqualTo("backup"));
        assertThat(providers.get("primary").calls()).isZero();
    }

    @Test
    void streamingAnnouncesTheAnsweringModelOnceBeforeTheFirstChunk() throws Exception {
        List<String> events = new ArrayList<>();
        StreamListener sink = new StreamListener() {
            @Override
            public void onStart(StreamStart start) {
                events.add("start:" + start.endpointName() + "@" + start.tierName());
            }

            @Override
            public void onChunk(ObjectNode chunk) {
                events.add("chunk");
            }
        };
        providers.get("primary").fail(http(503, null)).answer("two words");

        DispatchResult result = dispatcher.dispatch(request(), tier, Optional.empty(), CallContext.unbounded(), sink);

        assertThat(events.get(0)).isEqualTo("start:primary@cheap");
        assertThat(events.stream().filter(e -> e.startsWith("start"))).hasSize(1);
        assertThat(result.attempts().get(1).ttft()).isNotNull();
    }

    @Test
    void aStreamThatBreaksAfterItBeganIsNeitherRetriedNorFailedOver() {
        Provider breaking = new Provider() {
            @Override
            public dev.tiergate.chat.ChatResponse complete(ChatRequest request, CallContext context) {
                throw new UnsupportedOperationException();
            }

            @Override
            public dev.tiergate.chat.ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener)
                    throws ProviderException {
                try {
                    listener.onChunk(Json.object());
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                throw new ProviderException(Kind.SERVER_ERROR, "connection reset");
            }
        };
        Dispatcher d = new Dispatcher(e -> e.name().equals("primary") ? breaking : providers.get(e.name()), cooldowns, sleeps::add);

        DispatchFailedException e = catchThrowableOfType(DispatchFailedException.class,
                () -> d.dispatch(request(), tier, Optional.empty(), CallContext.unbounded(), chunk -> {}));

        assertThat(e.last().midStream()).isTrue();
        assertThat(e.attempts()).hasSize(1);
        assertThat(providers.get("backup").calls()).isZero();
    }

    @Test
    void anUnconfiguredModelIsSkippedAndNamedInTheError() {
        ModelEndpoint unconfigured = new ModelEndpoint("cheap", primary.provider(), "gpt-5.4-nano", primary.baseUrl(), primary.apiKey(),
                null, primary.price(), primary.timeouts(), primary.retry(), Map.of(), primary.awsAccessKeyId(),
                primary.awsSecretAccessKey(), List.of("OPENAI_API_KEY"));
        Tier only = new Tier(0, "cheap", List.of(unconfigured), Tier.Balance.FAILOVER);

        DispatchFailedException e = catchThrowableOfType(DispatchFailedException.class,
                () -> dispatcher.dispatch(request(), only, Optional.empty(), CallContext.unbounded(), null));

        assertThat(e.getMessage()).contains("set OPENAI_API_KEY");
        assertThat(e.attempts()).isEmpty();
    }
}
