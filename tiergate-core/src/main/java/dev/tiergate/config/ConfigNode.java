package dev.tiergate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A YAML node that knows its path in the file, so every error can name the exact field. */
record ConfigNode(JsonNode node, String path, String file) {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d|w)?");

    ConfigNode get(String key) {
        JsonNode child = node.get(key);
        return new ConfigNode(child == null ? MissingNode.getInstance() : child, join(key), file);
    }

    ConfigNode at(int index) {
        return new ConfigNode(node.get(index), path + "[" + index + "]", file);
    }

    List<ConfigNode> elements() {
        List<ConfigNode> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            result.add(at(i));
        }
        return result;
    }

    /** The keys of a mapping, in file order; empty for anything else. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (present() && node.isObject()) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    ConfigException error(String problem, String fix) {
        return new ConfigException(file, path, problem, fix);
    }

    /** Rejects keys nobody reads: a typo must not be silently ignored. */
    ConfigNode onlyKeys(Set<String> allowed) {
        if (!present()) {
            return this;
        }
        if (!node.isObject()) {
            throw error("expected a mapping with keys " + allowed, "write it as key: value pairs");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String hint = closest(key, allowed);
                throw new ConfigException(file, join(key), "unknown key '" + key + "'",
                        hint == null ? "remove it; allowed keys here: " + String.join(", ", allowed)
                                : "did you mean '" + hint + "'?");
            }
        }
        return this;
    }

    String requiredString() {
        if (!present() || node.asText().isBlank()) {
            throw error("is required", "add " + lastSegment() + ": <value>");
        }
        if (!node.isValueNode()) {
            throw error("expected a text value", "write " + lastSegment() + ": <value>");
        }
        return node.asText();
    }

    /** An optional text value; present but empty (e.g. an unset optional variable) reads as "". */
    String string(String fallback) {
        if (!present()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            throw error("expected a text value", "write " + lastSegment() + ": <value>");
        }
        return node.asText();
    }

    int integer(int fallback, int min, int max) {
        if (!present()) {
            return fallback;
        }
        String text = node.asText().trim();
        if (!(node.isIntegralNumber() || text.matches("-?\\d{1,9}"))) {
            throw error("expected a whole number, got '" + text + "'", "write a number between " + min + " and " + max);
        }
        long value = node.isIntegralNumber() ? node.longValue() : Long.parseLong(text);
        if (value < min || value > max) {
            throw error(value + " is out of range", "use a number between " + min + " and " + max);
        }
        return (int) value;
    }

    long longValue(long fallback, long min) {
        if (!present()) {
            return fallback;
        }
        String text = node.asText().trim();
        if (!(node.isIntegralNumber() || text.matches("\\d+"))) {
            throw error("expected a whole number, got '" + text + "'", "write a number of at least " + min);
        }
        long value = Long.parseLong(text);
        if (value < min) {
            throw error(value + " is too small", "use at least " + min);
        }
        return value;
    }

    double number(double fallback, double min, double max) {
        if (!present()) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(node.asText().trim());
        } catch (NumberFormatException e) {
            throw error("expected a number, got '" + node.asText() + "'", "write a number between " + min + " and " + max);
        }
        if (Double.isNaN(value) || value < min || value > max) {
            throw error(node.asText() + " is out of range", "use a number between " + min + " and " + max);
        }
        return value;
    }

    boolean bool(boolean fallback) {
        if (!present()) {
            return fallback;
        }
        if (!node.isBoolean() && !node.asText().matches("true|false")) {
            throw error("expected true or false, got '" + node.asText() + "'", "write true or false");
        }
        return node.asBoolean();
    }

    /** "250ms", "5s", "2m", "1h", "90d", "2w", or a bare number of milliseconds. */
    Duration duration(Duration fallback) {
        if (!present()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(node.asText().trim());
        if (!m.matches()) {
            throw error("expected a duration such as 500ms, 5s, 2m, 1h or 90d, got '" + node.asText() + "'", "write e.g. " + lastSegment() + ": 30s");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double millis = switch (unit) {
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            case "d" -> amount * 86_400_000;
            case "w" -> amount * 7 * 86_400_000;
            default -> amount;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String lastSegment() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String closest(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : allowed) {
            int d = levenshtein(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] curr = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            curr[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                curr[j] = Math.min(Math.min(curr[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = curr;
            curr = swap;
        }
        return prev[b.length()];
    }
}
