package dev.tiergate.eval.judged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tiergate.chat.MessageContent;
import java.util.List;

/**
 * One prompt of an eval set.
 *
 * @param id         stable across runs: the checkpoint recognises finished rows by it
 * @param category   task category for the report's breakdown ("uncategorized" when the set gives none)
 * @param complexity low | medium | high, or "unspecified"; the set calls it {@code tier}, renamed here because
 *                   "tier" means a rung of the ladder everywhere else in Tiergate
 * @param messages   OpenAI chat messages, sent as they are to the baseline and through the route
 */
public record EvalItem(String id, String category, String complexity, ArrayNode messages) {
    public static final String UNCATEGORIZED = "uncategorized";
    public static final String UNSPECIFIED = "unspecified";
    public static final List<String> COMPLEXITIES = List.of("low", "medium", "high");

    public EvalItem {
        messages = messages.deepCopy(); // the caller's node stays theirs to change
    }

    /** The prompt as a reader sees it: the user's text, or every turn prefixed with its role when there are several. */
    public String promptText() {
        if (messages.size() == 1) {
            return MessageContent.text(messages.get(0).get("content"));
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode message : messages) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(message.path("role").asText("user")).append(": ").append(MessageContent.text(message.get("content")));
        }
        return text.toString();
    }
}
