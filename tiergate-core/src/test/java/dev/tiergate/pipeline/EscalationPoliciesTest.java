package dev.tiergate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.config.ConfigException;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.gate.GateFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EscalationPoliciesTest {
    private static Map<String, EscalationPolicy> read(String routes) {
        TiergateConfig config = GatedGateway.load(routes);
        return EscalationPolicies.read(config, new GateFactory(Set.of("judge"), List.of()));
    }

    @Test
    void routesWithGatesOrACapGetAPolicyWithDefaults() {
        Map<String, EscalationPolicy> policies = read("""
                routes:
                  - {name: plain, strategy: length}
                  - {name: safe, strategy: cascade, gates: [json]}
                  - {name: fallback-only, strategy: fixed, max_escalations: 1}
                  - {name: strict, strategy: cascade, max_escalations: 0, on_failure: fail, band: 0.1, gates: [{type: confidence, threshold: -1}]}
                """);

        assertThat(policies).containsOnlyKeys("safe", "fallback-only", "strict");
        assertThat(policies.get("safe")).satisfies(p -> {
            assertThat(p.maxEscalations()).as("up to the top of a 3-tier ladder").isEqualTo(2);
            assertThat(p.onFailure()).isEqualTo(EscalationPolicy.OnFailure.BEST_EFFORT);
            assertThat(p.band()).isZero();
        });
        assertThat(policies.get("fallback-only").gates()).isEmpty();
        assertThat(policies.get("strict")).satisfies(p -> {
            assertThat(p.maxEscalations()).isZero();
            assertThat(p.onFailure()).isEqualTo(EscalationPolicy.OnFailure.FAIL);
            assertThat(p.band()).isEqualTo(0.1);
        });
    }

    @Test
    void aBandNeedsAConfidenceGate() {
        assertThatThrownBy(() -> read("routes: [{name: auto, strategy: length, band: 0.1, gates: [json]}]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tiergate.yaml: routes[0].band: band needs a confidence gate");
        assertThatThrownBy(() -> read("routes: [{name: auto, strategy: length, band: 0.1}]"))
                .hasMessageContaining("routes[0].band: band needs a confidence gate");
    }

    @Test
    void gateMistakesNameTheRouteAndGate() {
        assertThatThrownBy(() -> read("routes: [{name: a, strategy: length}, {name: b, strategy: cascade, gates: [json, {type: regex}]}]"))
                .hasMessageContaining("tiergate.yaml: routes[1].gates[1].pattern: is required");
        assertThatThrownBy(() -> read("routes: [{name: b, strategy: cascade, gates: [{type: self_grade, model: frontier}]}]"))
                .hasMessageContaining("routes[0].gates[0].model: no model named 'frontier'");
    }
}
