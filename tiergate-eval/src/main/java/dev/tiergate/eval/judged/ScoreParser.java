package dev.tiergate.eval.judged;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the judge's score, strictly: the reply's last non-blank line must be exactly {@code SCORE: n} with n from 1
 * to 5, and no other line may mention a score. Anything looser ("Score 4/5", two scores, markdown around it) is
 * rejected rather than guessed at, because a misread score would silently move the headline figure.
 */
final class ScoreParser {
    private static final Pattern LAST_LINE = Pattern.compile("SCORE: ([1-5])");

    private ScoreParser() {}

    static OptionalInt parse(String reply) {
        if (reply == null) {
            return OptionalInt.empty();
        }
        String[] lines = reply.strip().split("\r?\n");
        String last = lines[lines.length - 1].strip();
        Matcher matcher = LAST_LINE.matcher(last);
        if (!matcher.matches()) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].toUpperCase(Locale.ROOT).contains("SCORE:")) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(Integer.parseInt(matcher.group(1)));
    }
}
