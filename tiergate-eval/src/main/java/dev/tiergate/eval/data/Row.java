package dev.tiergate.eval.data;

import java.util.List;
import java.util.Map;

/** One prompt of the shared routing data with every model's outcome on it. */
public record Row(String id, String source, String category, String prompt, List<String> turns,
                  Map<String, Outcome> outcomes) {

    public Row {
        turns = turns == null ? List.of() : List.copyOf(turns);
        // keep the file's model order: Map.copyOf's order varies between JVM runs and would make training
        // (head order, initialisation) irreproducible
        outcomes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomes));
    }

    public boolean has(String model) {
        return outcomes.containsKey(model);
    }

    public double score(String model) {
        Outcome o = outcomes.get(model);
        return o == null ? Double.NaN : o.score();
    }

    /** "routerbench/mbpp" → "routerbench/mbpp"; the grouping used for per-source numbers. */
    public String group() {
        return source == null ? "unknown" : source;
    }
}
