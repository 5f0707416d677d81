package dev.tiergate.eval.cascade;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifier scores for the cascade comparison, aligned with {@link PairedRows}: from a replay's
 * {@code decisions.jsonl} ({"id", "score"} per row, what {@code tiergate replay --router ...} writes), from the
 * learned router's out-of-fold predictions ({@code tiergate train --cv --oof-out FILE}: {"id", "p": {model: P(ok)}}),
 * or the prompt length as a baseline that needs no trained model.
 */
public final class Scores {
    private Scores() {}

    /** {@code length}, {@code decisions:FILE} or {@code oof:FILE}, as the command line spells them. */
    public static double[] fromSpec(String spec, PairedRows data) {
        String kind = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        Path file = Path.of(spec.substring(spec.indexOf(':') + 1));
        return switch (kind) {
            case "length" -> promptLength(data);
            case "decisions" -> fromDecisions(file, data);
            case "oof" -> fromOutOfFold(file, data);
            default -> throw new IllegalArgumentException("scores are length, decisions:FILE or oof:FILE, not " + spec);
        };
    }

    /** How a spec reads in a report heading. */
    public static String describe(String spec) {
        if (spec.startsWith("oof:")) {
            return "learned router, out-of-fold (" + Path.of(spec.substring(4)).getFileName() + ")";
        }
        if (spec.startsWith("decisions:")) {
            return "replay decisions (" + Path.of(spec.substring(10)).getFileName() + ")";
        }
        return "prompt length";
    }

    /** Longer prompts first: the weakest sensible score, usable before any router is trained. */
    public static double[] promptLength(PairedRows data) {
        double[] score = new double[data.size()];
        for (int i = 0; i < score.length; i++) {
            score[i] = data.rows().get(i).prompt().length();
        }
        return score;
    }

    /** Scores by row id from a decisions file; every row of {@code data} must have one. */
    public static double[] fromDecisions(Path file, PairedRows data) {
        Map<String, Double> byId = new HashMap<>();
        for (JsonNode d : lines(file)) {
            byId.put(d.path("id").asText(), d.path("score").asDouble());
        }
        return align(file, byId, data);
    }

    /**
     * The learned router's two-tier score, P(strong ok) - P(weak ok) (its default GAP rule), from out-of-fold
     * predictions: each row scored by a model that never saw it, so replay on the training files stays honest.
     */
    public static double[] fromOutOfFold(Path file, PairedRows data) {
        Map<String, Double> byId = new HashMap<>();
        for (JsonNode d : lines(file)) {
            byId.put(d.path("id").asText(), d.path("p").path(data.strong()).asDouble() - d.path("p").path(data.weak()).asDouble());
        }
        return align(file, byId, data);
    }

    private static List<JsonNode> lines(Path file) {
        List<JsonNode> nodes = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    nodes.add(Json.parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return nodes;
    }

    private static double[] align(Path file, Map<String, Double> byId, PairedRows data) {
        double[] score = new double[data.size()];
        for (int i = 0; i < score.length; i++) {
            Double s = byId.get(data.id(i));
            if (s == null) {
                throw new IllegalArgumentException(file + " has no score for row " + data.id(i));
            }
            score[i] = s;
        }
        return score;
    }
}
