package dev.tiergate.chat;

import com.fasterxml.jackson.databind.JsonNode;

/** OpenAI message content is either a string or an array of typed parts; this reads the text out of both. */
public final class MessageContent {
    private MessageContent() {}

    public static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    text.append(part.asText());
                } else if ("text".equals(part.path("type").asText()) || part.has("text")) {
                    text.append(part.path("text").asText());
                }
            }
        }
        return text.toString();
    }
}
