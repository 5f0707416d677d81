package dev.tiergate.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.json.Json;

/** Parses an answer's text as JSON for the JSON gates, with a short reason when it is not JSON. */
final class AnswerJson {
    private AnswerJson() {}

    /** The parsed document; throws with a one-line, header-safe reason otherwise. */
    static JsonNode parse(String text) throws NotJson {
        if (text == null || text.isBlank()) {
            throw new NotJson("the answer is empty, not JSON");
        }
        try {
            return Json.parse(text.strip());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new NotJson("the answer is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    static final class NotJson extends Exception {
        NotJson(String message) {
            super(message);
        }
    }
}
