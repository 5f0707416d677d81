package dev.tiergate.eval.judged;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rows as one line of JSON each (snake_case, like every other Tiergate file). Unknown fields are ignored so that a
 * checkpoint written by an older or newer version still resumes.
 */
final class RowCodec {
    /** Configured once here and never changed, so sharing it between threads is safe. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RowCodec() {}

    static String encode(EvalRow row) {
        try {
            return MAPPER.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an eval row always serialises", e);
        }
    }

    static ObjectNode tree(EvalRow row) {
        return MAPPER.valueToTree(row);
    }

    static EvalRow decode(String line) throws JsonProcessingException {
        EvalRow row = MAPPER.readValue(line, EvalRow.class);
        if (row.id() == null || row.baseline() == null) {
            throw new JsonProcessingException("not an eval row: no id or baseline") {};
        }
        return row;
    }
}
