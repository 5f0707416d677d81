package dev.tiergate.eval.judged;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes eval sets: JSONL, one object per line with {@code prompt} (a string) or {@code messages} (OpenAI
 * chat messages), and optional {@code id}, {@code category} and {@code tier} (low / medium / high). Every mistake
 * names the file and line, because a set is usually hand-edited.
 */
public final class EvalSet {
    public static final String BUNDLED_SAMPLE = "/dev/tiergate/eval/eval-sample.jsonl";
    private static final Set<String> KEYS = Set.of("id", "prompt", "messages", "category", "tier");

    private EvalSet() {}

    public static List<EvalItem> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new EvalException("cannot read the eval set " + file + ": " + e.getMessage());
        }
    }

    /** The sample set shipped with Tiergate: 100 prompts over 9 categories and 3 complexity tiers. */
    public static List<EvalItem> bundledSample() {
        try (InputStream in = EvalSet.class.getResourceAsStream(BUNDLED_SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_SAMPLE + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled sample");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<EvalItem> parse(String text, String source) {
        List<EvalItem> items = new ArrayList<>();
        Map<String, Integer> explicitIds = new HashMap<>();
        Map<String, Integer> derivedIds = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNo = i + 1;
            EvalItem item = item(line, source, lineNo);
            if (item.id() != null) {
                Integer earlier = explicitIds.putIfAbsent(item.id(), lineNo);
                if (earlier != null) {
                    throw new EvalException(source + " line " + lineNo + ": id '" + item.id() + "' is already used on line " + earlier
                            + "; give every prompt its own id (the checkpoint finds finished prompts by id)");
                }
                items.add(item);
            } else {
                // the same prompt twice without ids: keep both, told apart by a suffix, so no row is dropped silently
                String base = "p-" + digest(item.messages());
                int seen = derivedIds.merge(base, 1, Integer::sum);
                items.add(new EvalItem(seen == 1 ? base : base + "-" + seen, item.category(), item.complexity(), item.messages()));
            }
        }
        if (items.isEmpty()) {
            throw new EvalException(source + ": the eval set has no prompts; write one JSON object per line, e.g. {\"prompt\": \"...\"}");
        }
        return List.copyOf(items);
    }

    /** Writes a set in the format {@link #parse} reads. */
    public static void write(Path file, List<EvalItem> items) throws IOException {
        AtomicFiles.write(file, jsonl(items));
    }

    /** The set as JSONL; a single user message is written as {@code prompt}, which is easier to edit by hand. */
    public static String jsonl(List<EvalItem> items) {
        StringBuilder out = new StringBuilder();
        for (EvalItem item : items) {
            out.append(Json.text(toJson(item))).append('\n');
        }
        return out.toString();
    }

    static ObjectNode toJson(EvalItem item) {
        ObjectNode json = Json.object().put("id", item.id()).put("category", item.category());
        if (!EvalItem.UNSPECIFIED.equals(item.complexity())) {
            json.put("tier", item.complexity());
        }
        JsonNode only = item.messages().size() == 1 ? item.messages().get(0) : null;
        if (only != null && "user".equals(only.path("role").asText()) && only.path("content").isTextual()) {
            json.put("prompt", only.path("content").asText());
        } else {
            json.set("messages", item.messages());
        }
        return json;
    }

    private static EvalItem item(String line, String source, int lineNo) {
        String where = source + " line " + lineNo + ": ";
        JsonNode json;
        try {
            json = Json.parse(line);
        } catch (JsonProcessingException e) {
            throw new EvalException(where + "not valid JSON (" + e.getOriginalMessage() + "); write one JSON object per line");
        }
        if (!json.isObject()) {
            throw new EvalException(where + "expected a JSON object such as {\"prompt\": \"...\"}");
        }
        json.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new EvalException(where + "unknown field '" + key + "'; the fields are " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        });
        ArrayNode messages = messages(json, where);
        String id = optionalText(json, "id", where);
        String category = optionalText(json, "category", where);
        String tier = optionalText(json, "tier", where);
        if (tier != null) {
            tier = tier.toLowerCase(Locale.ROOT);
            if (!EvalItem.COMPLEXITIES.contains(tier)) {
                throw new EvalException(where + "tier '" + tier + "' is not one of low, medium, high");
            }
        }
        return new EvalItem(id, category == null ? EvalItem.UNCATEGORIZED : category, tier == null ? EvalItem.UNSPECIFIED : tier, messages);
    }

    private static ArrayNode messages(JsonNode json, String where) {
        JsonNode prompt = json.get("prompt");
        JsonNode messages = json.get("messages");
        if ((prompt == null) == (messages == null)) {
            throw new EvalException(where + "give exactly one of \"prompt\" (a string) or \"messages\" (a list of chat messages)");
        }
        if (prompt != null) {
            if (!prompt.isTextual() || prompt.asText().isBlank()) {
                throw new EvalException(where + "\"prompt\" must be a non-empty string");
            }
            ArrayNode single = Json.array();
            single.addObject().put("role", "user").put("content", prompt.asText());
            return single;
        }
        if (!(messages instanceof ArrayNode array) || array.isEmpty()) {
            throw new EvalException(where + "\"messages\" must be a non-empty list of {\"role\", \"content\"} objects");
        }
        for (JsonNode message : array) {
            if (!message.isObject() || !message.path("role").isTextual() || !message.has("content")) {
                throw new EvalException(where + "every message needs a \"role\" and a \"content\"");
            }
        }
        return array;
    }

    private static String optionalText(JsonNode json, String field, String where) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new EvalException(where + "\"" + field + "\" must be a non-empty string");
        }
        return value.asText().strip();
    }

    private static String digest(ArrayNode messages) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Json.bytes(messages));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
