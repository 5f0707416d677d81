package dev.tiergate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.tiergate.config.ConfigValue;
import java.util.List;
import java.util.Set;

/**
 * {@code json_schema}: the answer must be JSON valid against a schema: the one configured under {@code schema:},
 * else the request's own {@code response_format.json_schema.schema}. A request without either has nothing to
 * check and passes, so the gate can sit on a route that serves both structured and free-text requests.
 */
public final class JsonSchemaGate implements Gate {
    public static final String TYPE = "json_schema";

    private final JsonSchemas schemas = new JsonSchemas();
    /** Compiled once when configured; null = take it from each request. */
    private final Schema configured;

    private JsonSchemaGate(JsonNode schema) throws JsonSchemas.InvalidSchema {
        this.configured = schema == null ? null : schemas.compile(schema);
    }

    static JsonSchemaGate read(ConfigValue options) {
        options.onlyKeys(Set.of("type", "tiers", "schema"));
        ConfigValue schema = options.get("schema");
        if (schema.present() && !schema.isMapping()) {
            throw schema.error("expected a JSON Schema mapping", "write schema: {type: object, required: [answer]}");
        }
        try {
            return new JsonSchemaGate(schema.present() ? schema.node() : null);
        } catch (JsonSchemas.InvalidSchema e) {
            throw schema.error(e.getMessage(), "fix the schema (JSON Schema draft 2020-12)");
        }
    }

    /** A gate with an inline schema, for code that builds gates without YAML. */
    public static JsonSchemaGate of(JsonNode schema) {
        try {
            return new JsonSchemaGate(schema);
        } catch (JsonSchemas.InvalidSchema e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public GateResult check(GateInput input) {
        JsonNode requested = input.request().responseFormat()
                .map(format -> format.path("json_schema").get("schema"))
                .orElse(null);
        if (configured == null && (requested == null || requested.isNull())) {
            return GateResult.pass(TYPE, "no schema to check: none configured and the request has no response_format.json_schema");
        }
        JsonNode document;
        try {
            document = AnswerJson.parse(input.response().text());
        } catch (AnswerJson.NotJson e) {
            return GateResult.fail(TYPE, e.getMessage());
        }
        List<String> errors;
        if (configured != null) {
            errors = schemas.errors(configured, document);
        } else {
            errors = schemas.check(requested, document).map(List::of).orElse(List.of());
        }
        return errors.isEmpty()
                ? GateResult.pass(TYPE, "valid against the " + (configured != null ? "configured" : "request's") + " schema")
                : GateResult.fail(TYPE, "does not match the schema: " + String.join("; ", errors));
    }
}
