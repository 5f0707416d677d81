package dev.tiergate.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.config.Secret;
import dev.tiergate.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Pulls the human-readable message out of an upstream error body, whatever its dialect: OpenAI
 * {@code {"error":{"message"}}}, Anthropic {@code {"type":"error","error":{"message"}}}, AWS {@code {"message"}},
 * FastAPI-based servers {@code {"detail"}}, or plain text. Messages are redacted before they go anywhere, because
 * some upstreams echo (part of) the key they rejected.
 */
public final class ErrorMessages {
    private static final int MAX_LENGTH = 500;
    private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk-[A-Za-z0-9_*-]{6,}|AKIA[A-Z0-9]{12,})");

    private ErrorMessages() {}

    public static String extract(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode json = Json.parse(body);
            String message = fromJson(json);
            if (!message.isEmpty()) {
                return shorten(message);
            }
        } catch (Exception notJson) {
            // fall through to the raw text: proxies answer errors with HTML or plain text
        }
        return shorten(new String(body, StandardCharsets.UTF_8));
    }

    public static String fromJson(JsonNode json) {
        JsonNode error = json.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        if (error.path("message").isTextual()) {
            return error.get("message").asText();
        }
        for (String field : new String[] {"message", "Message", "detail"}) {
            JsonNode value = json.get(field);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
            if (value != null && !value.isNull() && !value.isMissingNode()) {
                return Json.text(value);
            }
        }
        return "";
    }

    /** Removes the given credentials and anything that looks like an API key. */
    public static String redact(String message, Secret... secrets) {
        String result = message;
        for (Secret secret : secrets) {
            if (secret != null && secret.isPresent() && secret.value().length() >= 4) {
                result = result.replace(secret.value(), "***");
            }
        }
        return KEY_LIKE.matcher(result).replaceAll("***");
    }

    private static String shorten(String text) {
        String collapsed = text.strip().replaceAll("\\s+", " ");
        return collapsed.length() <= MAX_LENGTH ? collapsed : collapsed.substring(0, MAX_LENGTH) + "...";
    }
}
