package dev.tiergate.gate;

import dev.tiergate.chat.ChatResponse;
import dev.tiergate.config.ConfigValue;
import java.util.Set;

/**
 * How the length gates measure an answer: {@code chars:} (characters of the trimmed text) or {@code words:}
 * (whitespace-separated). Exactly one is configured; the value is the limit.
 */
record AnswerLength(Unit unit, int limit) {
    enum Unit { CHARS, WORDS }

    static AnswerLength read(ConfigValue options, String example) {
        options.onlyKeys(Set.of("type", "tiers", "chars", "words"));
        boolean chars = options.get("chars").present();
        if (chars == options.get("words").present()) {
            throw options.error("a length gate needs exactly one of chars: or words:", "write e.g. " + example);
        }
        ConfigValue limit = options.get(chars ? "chars" : "words");
        return new AnswerLength(chars ? Unit.CHARS : Unit.WORDS, limit.integer(0, 0, Integer.MAX_VALUE));
    }

    int measure(ChatResponse response) {
        String text = response.text().strip();
        if (unit == Unit.CHARS) {
            return text.length();
        }
        return text.isEmpty() ? 0 : text.split("\\s+").length;
    }

    String unitName() {
        return unit == Unit.CHARS ? "chars" : "words";
    }

    /** Length limits are about prose: an answer that only calls tools is not too short or too long. */
    static boolean onlyToolCalls(ChatResponse response) {
        return response.text().isBlank() && response.toolCalls().isPresent();
    }
}
