package dev.tiergate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.chat.Usage;
import dev.tiergate.config.ConfigLoader;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.dispatch.Attempt;
import dev.tiergate.dispatch.Cooldowns;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.gate.GateResult;
import dev.tiergate.pricing.PriceCatalog;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.ProviderRegistry;
import dev.tiergate.provider.Providers;
import dev.tiergate.testing.LoopbackAnthropic;
import dev.tiergate.testing.LoopbackOpenAi;
import dev.tiergate.testing.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cascade over real providers and loopback upstreams: cheap (OpenAI wire format) → mid (Anthropic) → frontier
 * (OpenAI), with each attempt's reported tokens priced at its model's rates. (Bedrock is left out only because the
 * AWS SDK's start-up would make this the slowest test of the module; the ladder does not care about protocols.)
 */
class CascadeLoopbackTest {
    private static final String GOOD = "The capital of France is Paris, on the Seine.";
    private static final String CONFIG = """
            defaults:
              timeouts: {connect: 5s, first_token: 20s, total: 30s}   # generous: CI machines can be busy
              retry: {max_retries: 0}
            models:
              - {name: cheap, provider: openai, model: gpt-5.4-nano, base_url: "%s", api_key: sk-test, price: {input: 1, output: 2}}
              - {name: mid, provider: anthropic, model: claude-sonnet-4-6, base_url: "%s", api_key: sk-ant, price: {input: 3, output: 15}}
              - {name: frontier, provider: openai, model: gpt-5.4, base_url: "%s", api_key: sk-test, price: {input: 5, output: 25}}
            ladder: [cheap, mid, frontier]
            routes:
              - {name: safe, strategy: cascade, gates: [refusal, {type: min_length, chars: 20}]}
            """;

    private final LoopbackOpenAi cheap = new LoopbackOpenAi();
    private final LoopbackAnthropic mid = new LoopbackAnthropic();
    private final LoopbackOpenAi frontier = new LoopbackOpenAi();
    private final ProviderRegistry providers = new ProviderRegistry(Providers::create);
    private final TiergateConfig config = new ConfigLoader(Map.<String, String>of()::get, PriceCatalog.bundled())
            .parse(CONFIG.formatted(cheap.baseUrl(), mid.baseUrl(), frontier.baseUrl()), "loopback.yaml", false);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Dispatcher dispatcher = new Dispatcher(providers, new Cooldowns(config.cooldown(), Clock.systemUTC()), d -> { });
    private final Gateway gateway = new Gateway(config, dispatcher, registry, List.of(),
            List.of(EscalationStage.create(config, dispatcher, registry)));

    private static RequestMeta meta() {
        return new RequestMeta("req-1", "anonymous", Instant.now(), Map.of());
    }

    @AfterEach
    void close() {
        providers.close();
        cheap.close();
        mid.close();
        frontier.close();
    }

    @Test
    void climbsCheapMidFrontierAndPricesEveryAttemptsTokens() {
        cheap.enqueue(Reply.text("I don't know.").withUsage(120, 0, 4));
        mid.enqueue(Reply.text("Paris.").withUsage(130, 0, 3));
        frontier.enqueue(Reply.text(GOOD).withUsage(140, 0, 12));

        GatewayResult result = gateway.handle(GatedGateway.chat("safe", "What is the capital of France?"), meta(), CallContext.unbounded(), null);

        assertThat(result.response().text()).isEqualTo(GOOD);
        assertThat(result.answeredBy().name()).isEqualTo("frontier");
        assertThat(result.attempts()).extracting(Attempt::endpoint).containsExactly("cheap", "mid", "frontier");
        assertThat(result.attempts()).extracting(Attempt::usage)
                .containsExactly(new Usage(120, 0, 4), new Usage(130, 0, 3), new Usage(140, 0, 12));
        assertThat(result.attempts()).extracting(Attempt::costUsd).containsExactly(
                (120 * 1 + 4 * 2) / 1e6, (130 * 3 + 3 * 15) / 1e6, (140 * 5 + 12 * 25) / 1e6);
        assertThat(result.attempts().get(0).gates()).extracting(GateResult::passed).containsExactly(false, false);
        assertThat(result.attempts().get(1).gates()).extracting(GateResult::passed).containsExactly(true, false);
        assertThat(result.attempts().get(2).gates()).extracting(GateResult::passed).containsExactly(true, true);
        assertThat(result.costUsd()).isEqualTo(result.attempts().stream().mapToDouble(Attempt::costUsd).sum());
        assertThat(cheap.requests()).hasSize(1);
        assertThat(mid.requests()).hasSize(1);
        assertThat(frontier.requests()).hasSize(1);
    }

    @Test
    void aGatedStreamOverLoopbacksDeliversOnlyThePassingAnswer() {
        cheap.enqueue(Reply.text("I ", "don't ", "know."));
        mid.enqueue(Reply.text("The capital ", "of France ", "is Paris."));
        RecordingSink client = new RecordingSink();

        GatewayResult result = gateway.handle(GatedGateway.streamed("safe", "What is the capital of France?"), meta(), CallContext.unbounded(), client);

        assertThat(client.text()).isEqualTo("The capital of France is Paris.");
        assertThat(client.starts).singleElement().satisfies(start -> assertThat(start.endpointName()).isEqualTo("mid"));
        assertThat(result.attempts()).extracting(Attempt::endpoint).containsExactly("cheap", "mid");
        assertThat(frontier.requests()).isEmpty();
    }
}
