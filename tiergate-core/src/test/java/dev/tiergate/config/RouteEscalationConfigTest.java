package dev.tiergate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.pricing.PriceCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Load-time checks of the route keys for gates, escalation and rules. */
class RouteEscalationConfigTest {
    private static final String MODELS = """
            models:
              - {name: cheap, provider: openai, model: a, base_url: "http://127.0.0.1:9/v1", price: {input: 1, output: 1}}
              - {name: frontier, provider: openai, model: b, base_url: "http://127.0.0.1:9/v1", price: {input: 1, output: 1}}
            ladder: [cheap, frontier]
            """;
    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get, PriceCatalog.bundled());

    private TiergateConfig load(String routes) {
        return loader.parse(MODELS + routes, "tiergate.yaml", false);
    }

    @Test
    void acceptsCascadeAndRulesRoutes() {
        TiergateConfig config = load("""
                routes:
                  - {name: safe, strategy: cascade, max_escalations: 1, on_failure: fail, gates: [json]}
                  - {name: hybrid, strategy: rules, fallback: length, rules: [{when: {tools: true}, tier: frontier}]}
                """);

        assertThat(config.route("safe").orElseThrow().strategy()).isEqualTo("cascade");
        assertThat(RouteRules.of(config.route("hybrid").orElseThrow())).singleElement().satisfies(rule -> {
            assertThat(rule.tier()).isEqualTo("frontier");
            assertThat(rule.when()).containsExactly(new RuleCondition.ToolsPresent(true));
        });
    }

    @Test
    void mistakesNameTheField() {
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: cascade}]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tiergate.yaml: routes[0].strategy: a cascade route needs gates");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: cascade, gates: [json], on_failure: retry}]"))
                .hasMessageContaining("routes[0].on_failure: unknown on_failure 'retry'");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: cascade, gates: [json], max_escalations: -1}]"))
                .hasMessageContaining("routes[0].max_escalations: -1 is out of range");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: length, gates: json}]"))
                .hasMessageContaining("routes[0].gates: expected a list of gates");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: rules}]"))
                .hasMessageContaining("routes[0].rules: a rules route needs a non-empty list of rules");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: rules, rules: [{when: {tools: true}}]}]"))
                .hasMessageContaining("routes[0].rules[0]: a rule needs exactly one of tier: or strategy:");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: rules, rules: [{when: {tols: true}, tier: cheap}]}]"))
                .hasMessageContaining("routes[0].rules[0].when.tols: unknown key 'tols'").hasMessageContaining("did you mean 'tools'?");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: rules, rules: [{when: {tools: true}, tier: mid}]}]"))
                .hasMessageContaining("routes[0].rules[0].tier: no tier named 'mid'");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: rules, rules: [{when: {last_user_matches: '(x'}, tier: cheap}]}]"))
                .hasMessageContaining("routes[0].rules[0].when.last_user_matches: not a valid regular expression");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: rules, rules: [{when: {response_format: yaml}, tier: cheap}]}]"))
                .hasMessageContaining("unknown response_format 'yaml'");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: rules, rules: [{when: {tools: true}, strategy: rules}]}]"))
                .hasMessageContaining("routes[0].rules[0].strategy: a rule cannot hand over to strategy 'rules'");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: rules, fallback: rules, rules: [{when: {tools: true}, tier: cheap}]}]"))
                .hasMessageContaining("routes[0].fallback: a rules route cannot fall back to strategy 'rules'");
        assertThatThrownBy(() -> load("routes: [{name: a, strategy: length, rules: []}]"))
                .hasMessageContaining("routes[0].rules: rules only apply to strategy: rules");
    }
}
