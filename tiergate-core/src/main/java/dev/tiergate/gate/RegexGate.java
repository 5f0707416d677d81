package dev.tiergate.gate;

import dev.tiergate.config.ConfigValue;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code regex}: the answer must contain a match of {@code pattern} (Java syntax, searched anywhere; anchor it with
 * ^ and $ for a whole-answer match), or with {@code forbid: true} must not.
 */
public final class RegexGate implements Gate {
    public static final String TYPE = "regex";

    private final Pattern pattern;
    private final boolean forbid;

    public RegexGate(Pattern pattern, boolean forbid) {
        this.pattern = pattern;
        this.forbid = forbid;
    }

    static RegexGate read(ConfigValue options) {
        options.onlyKeys(Set.of("type", "tiers", "pattern", "forbid"));
        ConfigValue pattern = options.get("pattern");
        try {
            return new RegexGate(Pattern.compile(pattern.requiredString()), options.get("forbid").bool(false));
        } catch (PatternSyntaxException e) {
            throw pattern.error("not a valid regular expression: " + e.getDescription(), "fix the pattern (Java regex syntax)");
        }
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public GateResult check(GateInput input) {
        boolean found = pattern.matcher(input.response().text()).find();
        if (forbid) {
            return found ? GateResult.fail(TYPE, "matches the forbidden pattern /" + pattern + "/")
                    : GateResult.pass(TYPE, "no match of the forbidden pattern /" + pattern + "/");
        }
        return found ? GateResult.pass(TYPE, "matches /" + pattern + "/")
                : GateResult.fail(TYPE, "does not match /" + pattern + "/");
    }
}
