package dev.tiergate.gate;

import dev.tiergate.config.ConfigValue;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code contains}: the answer must contain {@code text:}, or {@code all:} of a list, or {@code any:} of a list,
 * optionally ignoring case.
 */
public final class ContainsGate implements Gate {
    public static final String TYPE = "contains";

    private final List<String> values;
    private final boolean requireAll;
    private final boolean ignoreCase;

    public ContainsGate(List<String> values, boolean requireAll, boolean ignoreCase) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("contains needs at least one value");
        }
        this.values = List.copyOf(values);
        this.requireAll = requireAll;
        this.ignoreCase = ignoreCase;
    }

    static ContainsGate read(ConfigValue options) {
        options.onlyKeys(Set.of("type", "tiers", "text", "all", "any", "ignore_case"));
        List<String> given = List.of("text", "all", "any").stream().filter(key -> options.get(key).present()).toList();
        if (given.size() != 1) {
            throw options.error("a contains gate needs exactly one of text:, all: or any:", "write e.g. {type: contains, any: [Sources, References]}");
        }
        String key = given.get(0);
        List<String> values = options.get(key).strings();
        if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
            throw options.get(key).error("needs non-empty text", "list the strings the answer must contain");
        }
        return new ContainsGate(values, !"any".equals(key), options.get("ignore_case").bool(false));
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public GateResult check(GateInput input) {
        String text = normalise(input.response().text());
        List<String> missing = values.stream().filter(v -> !text.contains(normalise(v))).toList();
        boolean passed = requireAll ? missing.isEmpty() : missing.size() < values.size();
        if (passed) {
            return GateResult.pass(TYPE, requireAll ? "contains all of " + quoted(values) : "contains one of " + quoted(values));
        }
        return GateResult.fail(TYPE, requireAll ? "missing " + quoted(missing) : "contains none of " + quoted(values));
    }

    private String normalise(String text) {
        return ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").toList().toString();
    }
}
