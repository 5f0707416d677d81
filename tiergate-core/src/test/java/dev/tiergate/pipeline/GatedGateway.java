package dev.tiergate.pipeline;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.config.ConfigLoader;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.dispatch.Cooldowns;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.pricing.PriceCatalog;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.Provider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A gateway with the escalation stage in place, over in-memory providers: a cheap → mid → frontier ladder and a
 * judge model, priced so that each attempt's cost is easy to check, plus whatever routes the test adds.
 */
final class GatedGateway {
    static final String MODELS = """
            models:
              - {name: cheap, provider: openai, model: cheap-1, base_url: "http://127.0.0.1:9/v1", price: {input: 1, output: 2}}
              - {name: mid, provider: openai, model: mid-1, base_url: "http://127.0.0.1:9/v1", price: {input: 5, output: 10}}
              - {name: frontier, provider: openai, model: frontier-1, base_url: "http://127.0.0.1:9/v1", price: {input: 20, output: 40}}
              - {name: judge, provider: openai, model: judge-1, base_url: "http://127.0.0.1:9/v1", price: {input: 0.5, output: 0.5}}
            ladder: [cheap, mid, frontier]
            """;

    final TiergateConfig config;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Gateway gateway;

    GatedGateway(String routesYaml, Map<String, ? extends Provider> providers) {
        config = load(routesYaml);
        Dispatcher dispatcher = new Dispatcher(endpoint -> providers.get(endpoint.name()),
                new Cooldowns(config.cooldown(), Clock.systemUTC()), duration -> { });
        gateway = new Gateway(config, dispatcher, registry, List.of(), List.of(EscalationStage.create(config, dispatcher, registry)));
    }

    static TiergateConfig load(String routesYaml) {
        return new ConfigLoader(Map.<String, String>of()::get, PriceCatalog.bundled()).parse(MODELS + routesYaml, "tiergate.yaml", false);
    }

    GatewayResult ask(String model, String question) {
        return handle(chat(model, question), null);
    }

    GatewayResult handle(ChatRequest request, StreamListener sink) {
        return gateway.handle(request, new RequestMeta("req-1", "anonymous", Instant.now(), Map.of()), CallContext.unbounded(), sink);
    }

    static ChatRequest chat(String model, String question) {
        var body = dev.tiergate.json.Json.object().put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        return new ChatRequest(body);
    }

    static ChatRequest streamed(String model, String question) {
        return chat(model, question).withField("stream", com.fasterxml.jackson.databind.node.BooleanNode.TRUE);
    }
}
