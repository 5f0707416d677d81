package dev.tiergate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Optional;

/**
 * JSON Schema validation for the gates that need it (json_schema, tool_call), on networknt's validator.
 * Schemas default to draft 2020-12, the draft OpenAI's structured outputs and tool parameters follow. A schema may
 * only reference itself and the bundled meta-schemas: remote, file and classpath {@code $ref}s are refused, so a
 * client-supplied schema can neither make the gateway call out nor read its files. The schema cache is off because request schemas are one-off and would only pile up.
 */
final class JsonSchemas {
    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    /** The only documents a schema may reference besides itself: the bundled meta-schemas. */
    private static final String META_SCHEMAS = "https://json-schema.org/";
    /** Enough errors to say what is wrong without flooding a header. */
    private static final int MAX_ERRORS = 3;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaCacheEnabled(false)
                    .schemaLoader(loader -> loader.block(iri -> !iri.toString().startsWith(META_SCHEMAS))));
    /** Checks schemas themselves; loaded once, since every request schema is checked against it. */
    private final Schema metaSchema = warm(registry.getSchema(SchemaLocation.of(META_SCHEMA)));

    /** The schema, or why it cannot be used (not an object, not valid against its meta-schema, unresolvable). */
    Schema compile(JsonNode schema) throws InvalidSchema {
        if (schema == null || !schema.isObject()) {
            throw new InvalidSchema("the schema must be a JSON object");
        }
        List<String> metaErrors = errors(metaSchema, schema);
        if (!metaErrors.isEmpty()) {
            throw new InvalidSchema("not a valid JSON Schema: " + String.join("; ", metaErrors));
        }
        try {
            return warm(registry.getSchema(schema));
        } catch (RuntimeException e) {
            throw new InvalidSchema("the schema cannot be loaded: " + e.getMessage());
        }
    }

    /** Up to three messages, empty when the instance is valid. A schema that fails while validating counts as an error. */
    List<String> errors(Schema schema, JsonNode instance) {
        try {
            return schema.validate(instance).stream().limit(MAX_ERRORS).map(JsonSchemas::describe).toList();
        } catch (RuntimeException e) {
            return List.of("the schema cannot be applied: " + e.getMessage());
        }
    }

    /**
     * Builds the schema's validators (and resolves its references) now: the library otherwise builds them lazily on
     * first use, and a configured schema is shared by concurrent requests, which should then only read them.
     */
    private static Schema warm(Schema schema) {
        schema.initializeValidators();
        return schema;
    }

    /** "$.population: string found, integer expected": where, then what. */
    private static String describe(Error error) {
        String where = String.valueOf(error.getInstanceLocation());
        return where.isEmpty() || error.getMessage().startsWith(where) ? error.getMessage() : where + ": " + error.getMessage();
    }

    /** Validates in one go; {@code Optional.empty()} means valid. */
    Optional<String> check(JsonNode schema, JsonNode instance) {
        try {
            List<String> errors = errors(compile(schema), instance);
            return errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors));
        } catch (InvalidSchema e) {
            return Optional.of(e.getMessage());
        }
    }

    static final class InvalidSchema extends Exception {
        InvalidSchema(String message) {
            super(message);
        }
    }
}
