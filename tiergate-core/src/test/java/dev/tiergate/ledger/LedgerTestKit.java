package dev.tiergate.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.ConfigLoader;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.dispatch.Cooldowns;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.json.Json;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.pipeline.Interceptor;
import dev.tiergate.pipeline.RequestMeta;
import dev.tiergate.pricing.PriceCatalog;
import dev.tiergate.provider.Provider;
import dev.tiergate.testing.ScriptedProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A three-tier ladder with round prices (USD per 1M tokens: cheap 1/2, mid 3/6, frontier 10/20) over in-memory
 * {@link ScriptedProvider}s, plus a judge of another family, so ledger figures can be computed by hand.
 */
public final class LedgerTestKit {
    public static final String BASE = """
            server: {host: 127.0.0.1, port: 0}
            defaults:
              retry: {max_retries: 2, initial_backoff: 1ms, max_backoff: 2ms, budget: 5s}
              cooldown: {failures: 1000, duration: 1s}
            models:
              - {name: cheap, provider: openai, model: gpt-5.4-nano, api_key: k, price: {input: 1, output: 2}}
              - {name: mid, provider: openai, model: gpt-5.4-mini, api_key: k, price: {input: 3, output: 6}}
              - {name: frontier, provider: anthropic, model: claude-opus-4-7, api_key: k, price: {input: 10, output: 20}}
              - {name: judge, provider: openai, model: gemini-2.5-flash, api_key: k, price: {input: 1, output: 1}}
            ladder: [cheap, mid, frontier]
            routes:
              - {name: auto, strategy: length, threshold: 50}
              - {name: top, strategy: fixed, tier: frontier}
            """;

    public final Map<String, ScriptedProvider> providers = Map.of(
            "cheap", new ScriptedProvider("gpt-5.4-nano").defaultText("cheap answer here"),
            "mid", new ScriptedProvider("gpt-5.4-mini").defaultText("mid answer here"),
            "frontier", new ScriptedProvider("claude-opus-4-7").defaultText("frontier answer that is longer"),
            "judge", new ScriptedProvider("gemini-2.5-flash").defaultText("TIE"));

    public static TiergateConfig config(String extraYaml) {
        return new ConfigLoader(Map.<String, String>of()::get, PriceCatalog.bundled()).parse(BASE + extraYaml, "test.yaml", false);
    }

    public Dispatcher dispatcher(TiergateConfig config) {
        return new Dispatcher(e -> (Provider) providers.get(e.name()), new Cooldowns(config.cooldown(), Clock.systemUTC()), d -> {});
    }

    public Gateway gateway(TiergateConfig config, MeterRegistry registry, Interceptor ledgerStage) {
        return new Gateway(config, dispatcher(config), registry, List.of(ledgerStage), List.of());
    }

    public static ChatRequest request(String model, String text) {
        ObjectNode body = Json.object();
        body.put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return new ChatRequest(body);
    }

    public static RequestMeta meta(String id, String keyId) {
        return new RequestMeta(id, keyId, Instant.now(), Map.of());
    }

    public static RequestMeta meta(String id, String keyId, Instant at, Map<String, String> headers) {
        return new RequestMeta(id, keyId, at, headers);
    }
}
