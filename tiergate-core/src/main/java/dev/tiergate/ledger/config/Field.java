package dev.tiergate.ledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tiergate.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node of the {@code ledger:}, {@code shadow:} or {@code drift:} section that knows its path, so every mistake is
 * a {@link ConfigException} naming the file and the exact field, like the rest of the config.
 */
record Field(JsonNode node, String path, String file) {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d|w)?");

    Field get(String key) {
        JsonNode child = node.get(key);
        return new Field(child == null ? MissingNode.getInstance() : child, path.isEmpty() ? key : path + "." + key, file);
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    ConfigException error(String problem, String fix) {
        return new ConfigException(file, path, problem, fix);
    }

    Field onlyKeys(Set<String> allowed) {
        if (!present()) {
            return this;
        }
        if (!node.isObject()) {
            throw error("expected a mapping with keys " + allowed.stream().sorted().toList(), "write it as key: value pairs");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw get(key).error("unknown key '" + key + "'", "remove it; allowed keys here: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return this;
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (present() && node.isObject()) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    String string(String fallback) {
        if (!present()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            throw error("expected a text value", "write " + leaf() + ": <value>");
        }
        return node.asText();
    }

    boolean bool(boolean fallback) {
        if (!present()) {
            return fallback;
        }
        String text = node.asText().trim();
        if (node.isBoolean() || text.equals("true") || text.equals("false")) {
            return node.isBoolean() ? node.booleanValue() : Boolean.parseBoolean(text);
        }
        throw error("expected true or false, got '" + text + "'", "write " + leaf() + ": true");
    }

    int integer(int fallback, int min, int max) {
        if (!present()) {
            return fallback;
        }
        String text = node.asText().trim();
        if (!text.matches("-?\\d{1,10}")) {
            throw error("expected a whole number, got '" + text + "'", "write a number between " + min + " and " + max);
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw error(value + " is out of range", "use a number between " + min + " and " + max);
        }
        return (int) value;
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

    /** 50ms, 2s, 5m, 1h, 90d, 2w; a bare number is milliseconds; 0 means "off" where a field allows it. */
    Duration duration(Duration fallback) {
        if (!present()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(node.asText().trim());
        if (!m.matches()) {
            throw error("expected a duration such as 50ms, 2s, 5m, 1h or 90d, got '" + node.asText() + "'", "write e.g. " + leaf() + ": 30s");
        }
        return parseDuration(m.group(1), m.group(2));
    }

    static Duration parseDuration(String amountText, String unit) {
        double amount = Double.parseDouble(amountText);
        double millis = switch (unit == null ? "ms" : unit) {
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            case "d" -> amount * 86_400_000;
            case "w" -> amount * 7 * 86_400_000;
            default -> amount;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private String leaf() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
