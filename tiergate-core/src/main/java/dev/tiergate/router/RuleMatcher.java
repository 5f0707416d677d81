package dev.tiergate.router;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.RuleCondition;
import java.util.Map;

/** Evaluates one {@link RuleCondition} against a request; cheap enough to run on every request. */
final class RuleMatcher {
    private RuleMatcher() {}

    static boolean matches(RuleCondition condition, ChatRequest request, Map<String, String> headers) {
        return switch (condition) {
            case RuleCondition.ToolsPresent c -> request.tools().isPresent() == c.present();
            case RuleCondition.ResponseFormat c -> request.responseFormat()
                    .map(format -> c.type().equals("any") || c.type().equals(format.path("type").asText()))
                    .orElse(false);
            case RuleCondition.MessageCount c -> between(request.messages().size(), c.min(), c.max());
            case RuleCondition.PromptTokens c -> between(LengthRouter.estimateTokens(request.allText()), c.min(), c.max());
            case RuleCondition.LastUserMatches c -> c.pattern().matcher(request.lastUserText()).find();
            case RuleCondition.Header c -> equalsOrAny(headers.get(c.name()), c.value());
            case RuleCondition.Metadata c -> {
                JsonNode value = request.body().path("metadata").get(c.key());
                yield equalsOrAny(value == null || value.isNull() ? null : value.asText(), c.value());
            }
        };
    }

    private static boolean between(long value, long min, long max) {
        return value >= min && value <= max;
    }

    private static boolean equalsOrAny(String actual, String expected) {
        return actual != null && (RuleCondition.ANY.equals(expected) || expected.equals(actual));
    }
}
