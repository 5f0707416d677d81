package dev.tiergate.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.ConfigLoader;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.json.Json;
import dev.tiergate.pricing.PriceCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules strategy: first match wins, rules can hand over to another strategy, the fallback scores the rest. */
class RulesRouterTest {
    private static final String CONFIG = """
            models:
              - {name: cheap, provider: openai, model: a, base_url: "http://127.0.0.1:9/v1", price: {input: 1, output: 1}}
              - {name: mid, provider: openai, model: b, base_url: "http://127.0.0.1:9/v1", price: {input: 1, output: 1}}
              - {name: frontier, provider: openai, model: c, base_url: "http://127.0.0.1:9/v1", price: {input: 1, output: 1}}
            ladder: [cheap, mid, frontier]
            routes:
              - name: hybrid
                strategy: rules
                fallback: length
                threshold: 100
                rules:
                  - {when: {header: {x-tier-hint: cheap}}, tier: cheap}
                  - {when: {tools: true}, tier: frontier}
                  - {when: {response_format: json_schema}, strategy: cascade}
                  - {when: {metadata: {team: "*"}, min_messages: 3}, tier: mid}
                  - {when: {last_user_matches: "(?i)\\\\bprove\\\\b"}, tier: frontier}
                  - {when: {min_prompt_tokens: 500, max_prompt_tokens: 1000}, tier: mid}
              - {name: default-fallback, strategy: rules, tier: mid, rules: [{when: {tools: true}, tier: frontier}]}
            """;

    private final TiergateConfig config = new ConfigLoader(Map.<String, String>of()::get, PriceCatalog.bundled()).parse(CONFIG, "tiergate.yaml", false);
    private final Router hybrid = RouterFactory.create(config.route("hybrid").orElseThrow(), config.ladder());

    private static ChatRequest request(String json) throws JsonProcessingException {
        return new ChatRequest((ObjectNode) Json.parse(json));
    }

    private static ChatRequest ask(String text) throws JsonProcessingException {
        return request("{\"model\": \"hybrid\", \"messages\": [{\"role\": \"user\", \"content\": " + Json.text(com.fasterxml.jackson.databind.node.TextNode.valueOf(text)) + "}]}");
    }

    private RoutingDecision decide(ChatRequest request, Map<String, String> headers) {
        return hybrid.decide(request, headers, config.ladder());
    }

    @Test
    void aHeaderRuleWinsBecauseItComesFirst() throws Exception {
        ChatRequest withTools = request("""
                {"model": "hybrid", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "function": {"name": "f"}}]}
                """);

        RoutingDecision hinted = decide(withTools, Map.of("x-tier-hint", "cheap"));
        assertThat(hinted.tierIndex()).isZero();
        assertThat(hinted.strategy()).isEqualTo("rules");
        assertThat(hinted.reason()).isEqualTo("rule 1: tier cheap");

        assertThat(decide(withTools, Map.of()).tierIndex()).isEqualTo(2);
    }

    @Test
    void aRuleCanHandOverToAnotherStrategy() throws Exception {
        RoutingDecision decision = decide(request("""
                {"model": "hybrid", "messages": [{"role": "user", "content": "hi"}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}}}
                """), Map.of());

        assertThat(decision.tierIndex()).isZero();
        assertThat(decision.reason()).isEqualTo("rule 3: cascade starts at the cheapest tier");
    }

    @Test
    void allConditionsOfARuleMustHold() throws Exception {
        String threeMessages = """
                {"model": "hybrid", "metadata": {"team": "search"}, "messages": [
                  {"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}, {"role": "user", "content": "c"}]}
                """;
        assertThat(decide(request(threeMessages), Map.of()).reason()).startsWith("rule 4");
        assertThat(decide(request(threeMessages.replace("\"metadata\": {\"team\": \"search\"}, ", "")), Map.of()).reason())
                .startsWith("no rule matched");
    }

    @Test
    void regexAndPromptLengthRules() throws Exception {
        assertThat(decide(ask("Please PROVE that sqrt(2) is irrational."), Map.of()).reason()).startsWith("rule 5");
        assertThat(decide(ask("improve my essay"), Map.of()).reason()).doesNotStartWith("rule 5");
        assertThat(decide(ask("x".repeat(2400)), Map.of()).reason()).startsWith("rule 6");
    }

    @Test
    void theFallbackScoresEverythingElseAndKeepsItsScore() throws Exception {
        RoutingDecision decision = decide(ask("word ".repeat(48)), Map.of());

        assertThat(decision.reason()).isEqualTo("no rule matched; length: ~60 prompt tokens");
        assertThat(decision.tierIndex()).isEqualTo(1);
        assertThat(decision.score()).isEqualTo(0.6);
        assertThat(decision.threshold()).isEqualTo(1.0);
    }

    @Test
    void withoutAFallbackTheRouteTierIsUsed() throws Exception {
        Router router = RouterFactory.create(config.route("default-fallback").orElseThrow(), config.ladder());
        assertThat(router.decide(ask("hi"), config.ladder()).tierIndex()).isEqualTo(1);
    }

    @Test
    void cascadeAlwaysStartsAtTheCheapestTier() throws Exception {
        assertThat(new CascadeRouter().decide(ask("x".repeat(10_000)), config.ladder()).tierIndex()).isZero();
    }
}
