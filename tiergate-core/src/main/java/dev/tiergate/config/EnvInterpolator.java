package dev.tiergate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in every string of the config tree. A missing variable is
 * an error naming the field, unless the caller collects them instead (the bundled default config, which must
 * start without any keys and then say which ones it needs).
 */
final class EnvInterpolator {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> env;
    private final String file;
    private final boolean lenient;
    /** field path → missing variable, filled in lenient mode. */
    private final Map<String, String> missing = new LinkedHashMap<>();

    EnvInterpolator(Function<String, String> env, String file, boolean lenient) {
        this.env = env;
        this.file = file;
        this.lenient = lenient;
    }

    Map<String, String> missing() {
        return missing;
    }

    JsonNode interpolate(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.fields().forEachRemaining(e ->
                    copy.set(e.getKey(), interpolate(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            for (int i = 0; i < array.size(); i++) {
                copy.add(interpolate(array.get(i), path + "[" + i + "]"));
            }
            return copy;
        }
        if (node.isTextual() && node.asText().contains("${")) {
            return TextNode.valueOf(substitute(node.asText(), path));
        }
        return node;
    }

    private String substitute(String text, String path) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null || value.isEmpty()) {
                value = m.group(2);
            }
            if (value == null) {
                if (!lenient) {
                    throw new ConfigException(file, path, "environment variable " + m.group(1) + " is not set",
                            "export " + m.group(1) + "=... before starting, or write ${" + m.group(1) + ":-default}");
                }
                missing.put(path, m.group(1));
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
