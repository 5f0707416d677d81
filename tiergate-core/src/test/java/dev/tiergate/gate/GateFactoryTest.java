package dev.tiergate.gate;

import static dev.tiergate.gate.Answers.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tiergate.config.ConfigValue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GateFactoryTest {
    private static final Set<String> TIERS = Set.of("cheap", "mid", "frontier");
    private final GateFactory factory = GateFactory.withInstalledProviders(Set.of("cheap", "judge"));

    private static ConfigValue gates(String yaml) throws Exception {
        return ConfigValue.of(new ObjectMapper(new YAMLFactory()).readTree(yaml), "routes[1].gates", "tiergate.yaml");
    }

    @Test
    void readsBareNamesMappingsAndTierScopes() throws Exception {
        List<ConfiguredGate> gates = factory.read(gates("""
                - json
                - {type: min_length, chars: 20, tiers: [cheap]}
                - {type: self_grade, model: judge, tiers: [cheap, mid]}
                """), TIERS);

        assertThat(gates).extracting(g -> g.gate().name()).containsExactly("json", "min_length", "self_grade");
        assertThat(gates.get(0).appliesTo("frontier")).isTrue();
        assertThat(gates.get(1).appliesTo("cheap")).isTrue();
        assertThat(gates.get(1).appliesTo("mid")).isFalse();
        assertThat(gates.get(2).tiers()).containsExactlyInAnyOrder("cheap", "mid");
    }

    @Test
    void everyBuiltInTypeCanBeBuilt() throws Exception {
        List<ConfiguredGate> gates = factory.read(gates("""
                - json
                - json_schema
                - {type: regex, pattern: x}
                - {type: contains, text: x}
                - {type: min_length, chars: 1}
                - {type: max_length, words: 100}
                - refusal
                - tool_call
                - {type: self_grade, model: judge}
                - {type: confidence, threshold: -0.3}
                """), TIERS);
        assertThat(gates).extracting(g -> g.gate().name()).containsExactlyElementsOf(GateFactory.BUILT_IN);
    }

    @Test
    void customGatesComeFromTheServiceLoader() throws Exception {
        List<ConfiguredGate> gates = factory.read(gates("[{type: no_shouting, max_ratio: 0.3}]"), TIERS);

        Gate custom = gates.get(0).gate();
        assertThat(check(custom, "Paris is the capital.").passed()).isTrue();
        assertThat(check(custom, "PARIS IS THE CAPITAL!").reason()).isEqualTo("shouting");
    }

    @Test
    void mistakesNameTheField() throws Exception {
        assertThatThrownBy(() -> factory.read(gates("[json, {type: jsn}]"), TIERS))
                .hasMessageContaining("tiergate.yaml: routes[1].gates[1].type: unknown gate type 'jsn'")
                .hasMessageContaining("no_shouting");
        assertThatThrownBy(() -> factory.read(gates("[{type: json, tiers: [cheep]}]"), TIERS))
                .hasMessageContaining("routes[1].gates[0].tiers: no tier named 'cheep'");
        assertThatThrownBy(() -> factory.read(gates("[{type: json, strict: true}]"), TIERS))
                .hasMessageContaining("routes[1].gates[0].strict: unknown key 'strict'");
        assertThatThrownBy(() -> factory.read(gates("[{min_length: 3}]"), TIERS))
                .hasMessageContaining("routes[1].gates[0].type: is required");
        assertThatThrownBy(() -> factory.read(gates("{json: true}"), TIERS))
                .hasMessageContaining("routes[1].gates: expected a list of gates");
    }
}
