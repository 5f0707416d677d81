package dev.tiergate.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.Tier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code rules:} list of a {@code strategy: rules} route. The loader reads it once to reject mistakes at
 * start-up with the field's path; the router factory reads the same, already validated, entry again through
 * {@link #of(RouteConfig)} because {@link RouteConfig} keeps strategy-specific settings raw.
 */
public final class RouteRules {
    /** Strategies a rule may hand a request to; {@code rules} would nest and {@code fixed} is what {@code tier:} says. */
    static final Set<String> RULE_STRATEGIES = Set.of("length", "random", "complexity", "classifier", "cascade");
    private static final Set<String> RULE_KEYS = Set.of("when", "tier", "strategy", "description");
    private static final Set<String> WHEN_KEYS = Set.of("tools", "response_format", "min_messages", "max_messages",
            "min_prompt_tokens", "max_prompt_tokens", "last_user_matches", "header", "metadata");
    private static final Set<String> FORMATS = Set.of("text", "json_object", "json_schema", "any");

    private RouteRules() {}

    /** The rules of an already loaded route (empty for other strategies). */
    public static List<RouteRule> of(RouteConfig route) {
        JsonNode rules = route.raw().get("rules");
        if (rules == null || rules.isNull()) {
            return List.of();
        }
        return read(new ConfigNode(rules, "routes." + route.name() + ".rules", "route " + route.name()), null);
    }

    /** @param ladder checks tier names when given (at load); null when re-reading a validated entry */
    static List<RouteRule> read(ConfigNode node, Ladder ladder) {
        if (!node.present() || !node.node().isArray() || node.node().isEmpty()) {
            throw node.error("a rules route needs a non-empty list of rules",
                    "write rules: [{when: {tools: true}, tier: frontier}]");
        }
        List<RouteRule> rules = new ArrayList<>();
        for (ConfigNode entry : node.elements()) {
            rules.add(rule(entry.onlyKeys(RULE_KEYS), rules.size(), ladder));
        }
        return rules;
    }

    private static RouteRule rule(ConfigNode entry, int index, Ladder ladder) {
        String tier = entry.get("tier").string(null);
        String strategy = entry.get("strategy").string(null);
        if ((tier == null) == (strategy == null)) {
            throw entry.error("a rule needs exactly one of tier: or strategy:", "add tier: <tier name> or strategy: classifier");
        }
        if (tier != null && ladder != null && ladder.byName(tier).isEmpty()) {
            throw entry.get("tier").error("no tier named '" + tier + "'", "use one of " + ladder.tiers().stream().map(Tier::name).toList());
        }
        if (strategy != null && !RULE_STRATEGIES.contains(strategy)) {
            throw entry.get("strategy").error("a rule cannot hand over to strategy '" + strategy + "'",
                    "use one of " + RULE_STRATEGIES.stream().sorted().toList() + ", or tier: to pick a tier");
        }
        ConfigNode when = entry.get("when");
        if (!when.present() || !when.node().isObject() || when.node().isEmpty()) {
            throw when.error("is required: the conditions under which this rule applies",
                    "write when: {tools: true} (keys: " + String.join(", ", WHEN_KEYS.stream().sorted().toList()) + ")");
        }
        return new RouteRule(index, conditions(when.onlyKeys(WHEN_KEYS)), tier, strategy);
    }

    private static List<RuleCondition> conditions(ConfigNode when) {
        List<RuleCondition> conditions = new ArrayList<>();
        if (when.get("tools").present()) {
            conditions.add(new RuleCondition.ToolsPresent(when.get("tools").bool(true)));
        }
        ConfigNode format = when.get("response_format");
        if (format.present()) {
            String type = format.requiredString();
            if (!FORMATS.contains(type)) {
                throw format.error("unknown response_format '" + type + "'", "use one of " + FORMATS.stream().sorted().toList());
            }
            conditions.add(new RuleCondition.ResponseFormat(type));
        }
        if (when.get("min_messages").present() || when.get("max_messages").present()) {
            int min = when.get("min_messages").integer(0, 0, 100_000);
            int max = when.get("max_messages").integer(Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
            conditions.add(new RuleCondition.MessageCount(min, max));
        }
        if (when.get("min_prompt_tokens").present() || when.get("max_prompt_tokens").present()) {
            long min = when.get("min_prompt_tokens").longValue(0, 0);
            long max = when.get("max_prompt_tokens").longValue(Long.MAX_VALUE, 0);
            conditions.add(new RuleCondition.PromptTokens(min, max));
        }
        ConfigNode regex = when.get("last_user_matches");
        if (regex.present()) {
            try {
                conditions.add(new RuleCondition.LastUserMatches(Pattern.compile(regex.requiredString())));
            } catch (PatternSyntaxException e) {
                throw regex.error("not a valid regular expression: " + e.getDescription(), "fix the pattern (Java regex syntax)");
            }
        }
        pairs(when.get("header")).forEach((name, value) ->
                conditions.add(new RuleCondition.Header(name.toLowerCase(Locale.ROOT), value)));
        pairs(when.get("metadata")).forEach((key, value) -> conditions.add(new RuleCondition.Metadata(key, value)));
        return conditions;
    }

    private static Map<String, String> pairs(ConfigNode node) {
        Map<String, String> pairs = new java.util.LinkedHashMap<>();
        if (!node.present()) {
            return pairs;
        }
        if (!node.node().isObject() || node.node().isEmpty()) {
            throw node.error("expected a mapping of names to values", "write e.g. {x-team: search} (\"*\" matches any value)");
        }
        for (Iterator<String> it = node.node().fieldNames(); it.hasNext(); ) {
            String key = it.next();
            pairs.put(key, node.get(key).requiredString());
        }
        return pairs;
    }
}
