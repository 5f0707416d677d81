package dev.tiergate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.config.ConfigValue;
import java.util.Set;

/** {@code json}: the answer must parse as one JSON document (no prose around it, no markdown fence). */
public final class JsonGate implements Gate {
    public static final String TYPE = "json";

    static JsonGate read(ConfigValue options) {
        options.onlyKeys(Set.of("type", "tiers"));
        return new JsonGate();
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public GateResult check(GateInput input) {
        try {
            JsonNode document = AnswerJson.parse(input.response().text());
            return GateResult.pass(TYPE, "valid JSON " + (document.isObject() ? "object" : document.isArray() ? "array" : "value"));
        } catch (AnswerJson.NotJson e) {
            return GateResult.fail(TYPE, e.getMessage());
        }
    }
}
