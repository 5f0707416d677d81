package dev.tiergate.config;

import java.util.regex.Pattern;

/**
 * One test of a {@code rules:} entry's {@code when:}. Each looks at one request feature; a rule matches when all
 * of its conditions do. Sealed so the router's matcher is an exhaustive switch: a new condition cannot be added
 * without teaching the router to evaluate it.
 */
public sealed interface RuleCondition {

    /** {@code tools: true|false}: whether the request declares tools. */
    record ToolsPresent(boolean present) implements RuleCondition {}

    /** {@code response_format: json_schema|json_object|text|any}: the requested output format ("any" = one is set). */
    record ResponseFormat(String type) implements RuleCondition {}

    /** {@code min_messages} / {@code max_messages}: the number of messages, both bounds inclusive. */
    record MessageCount(int min, int max) implements RuleCondition {}

    /** {@code min_prompt_tokens} / {@code max_prompt_tokens}: estimated prompt tokens, both bounds inclusive. */
    record PromptTokens(long min, long max) implements RuleCondition {}

    /** {@code last_user_matches: REGEX}: found anywhere in the last user message (Java syntax; (?i) for any case). */
    record LastUserMatches(Pattern pattern) implements RuleCondition {}

    /** {@code header: {name: value}}: a request header equals the value ("*" = is present). Names are lower case. */
    record Header(String name, String value) implements RuleCondition {}

    /** {@code metadata: {key: value}}: the request body's {@code metadata.key} equals the value ("*" = is present). */
    record Metadata(String key, String value) implements RuleCondition {}

    /** The wildcard that matches any present value of a header or metadata key. */
    String ANY = "*";
}
