package dev.tiergate.ledger.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.json.Json;
import dev.tiergate.ledger.LedgerEntry;
import dev.tiergate.ledger.LengthPair;
import dev.tiergate.ledger.RequestRecord;
import dev.tiergate.ledger.ShadowRecord;

/**
 * One entry as one JSON line of the spool file: {@code {"type": "request", "entry": {...}}}. Unknown fields are
 * ignored on reading, so a spool written by another version of the gateway still replays.
 */
final class EntryCodec {
    private EntryCodec() {}

    static String encode(LedgerEntry entry) {
        ObjectNode line = Json.object();
        line.put("type", switch (entry) {
            case RequestRecord r -> "request";
            case ShadowRecord s -> "shadow";
            case LengthPair p -> "pair";
            default -> throw new IllegalArgumentException("unknown ledger entry " + entry.getClass());
        });
        line.set("entry", Json.MAPPER.valueToTree(entry));
        return line.toString();
    }

    private static <T> T read(JsonNode node, Class<T> type) throws java.io.IOException {
        return Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(node);
    }

    static LedgerEntry decode(String line) throws java.io.IOException {
        JsonNode node = Json.parse(line);
        JsonNode entry = node.path("entry");
        return switch (node.path("type").asText()) {
            case "request" -> read(entry, RequestRecord.class);
            case "shadow" -> read(entry, ShadowRecord.class);
            case "pair" -> read(entry, LengthPair.class);
            default -> throw new IllegalArgumentException("unknown spool entry type '" + node.path("type").asText() + "'");
        };
    }
}
