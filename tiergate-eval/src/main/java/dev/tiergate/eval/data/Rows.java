package dev.tiergate.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads rows in the shared JSON Lines format (see the data README). */
public final class Rows {
    private Rows() {}

    public static List<Row> read(List<Path> files) {
        List<Row> rows = new ArrayList<>();
        for (Path file : files) {
            rows.addAll(read(file));
        }
        return rows;
    }

    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(parse(Json.parse(line)));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(file + ":" + n + ": bad row: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    public static Row parse(JsonNode node) {
        String source = node.path("source").asText("unknown");
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.path("outcomes").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode o = e.getValue();
            if (!o.hasNonNull("score")) {
                continue;
            }
            outcomes.put(e.getKey(), new Outcome(o.path("score").asDouble(),
                    o.path("input_tokens").asLong(0), o.path("output_tokens").asLong(0),
                    o.hasNonNull("cost_usd") ? o.path("cost_usd").asDouble() : Double.NaN));
        }
        List<String> turns = new ArrayList<>();
        node.path("turns").forEach(t -> turns.add(t.asText()));
        String prompt = node.hasNonNull("prompt") ? node.path("prompt").asText()
                : (turns.isEmpty() ? "" : turns.get(0));
        return new Row(node.path("id").asText(), source, node.path("category").asText(""), prompt, turns, outcomes);
    }

    /** Every model that appears in any row, in first-seen order. */
    public static List<String> models(List<Row> rows) {
        Set<String> models = new LinkedHashSet<>();
        rows.forEach(r -> models.addAll(r.outcomes().keySet()));
        return new ArrayList<>(models);
    }
}
