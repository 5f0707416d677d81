package dev.tiergate.router.features;

import dev.tiergate.router.learned.PromptText;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cheap, deterministic prompt features (microseconds, no model): sizes, few-shot structure, code and maths markers,
 * task words and conversation depth. The learned router appends them to the embedding; {@code ComplexityRouter}
 * uses some of them directly.
 */
public final class PromptFeatures {

    public static final List<String> NAMES = List.of(
            "log_chars", "log_question_chars", "log_shots", "log_lines", "question_share",
            "code", "math", "digits", "choices", "reasoning_words", "creative_words", "code_words",
            "question_marks", "log_turns", "has_system", "upper_ratio");

    private static final Pattern CODE = Pattern.compile(
            "```|\\bdef \\w+\\(|\\bclass \\w+|\\breturn\\b|[{};]\\s*\\n|#include|\\bimport \\w|\\bfunction\\b|=>|\\bpublic static\\b");
    private static final Pattern MATH = Pattern.compile(
            "\\\\frac|\\\\sqrt|\\$[^$]+\\$|\\d+\\s*[-+*/^=×÷]\\s*\\d+|\\b(?:equation|integral|derivative|probability|solve|calculate|compute|sum|percent|ratio)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHOICES = Pattern.compile("(?m)^\\s*\\(?[A-D][).:]\\s");
    private static final Pattern REASONING = Pattern.compile(
            "\\b(?:why|explain|prove|derive|analy[sz]e|compare|step[- ]by[- ]step|reason|justify|evaluate|how many|what is the (?:best|most))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATIVE = Pattern.compile(
            "\\b(?:write|story|poem|essay|email|draft|imagine|role[- ]?play|brainstorm|compose|blog)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE_WORDS = Pattern.compile(
            "\\b(?:function|python|java|code|program|algorithm|sql|regex|implement|bug|compile|api|list|array|string)\\b",
            Pattern.CASE_INSENSITIVE);

    private PromptFeatures() {}

    public static int size() {
        return NAMES.size();
    }

    /** Features of a single-turn prompt. */
    public static double[] of(String prompt) {
        return of(prompt, PromptText.finalQuestion(prompt), 1, false);
    }

    /** Regex features look at most at this much of the question (its head and tail): bounded cost. */
    static final int WINDOW = 4000;

    /**
     * @param prompt    the whole text the router looks at
     * @param question  its final question ({@link PromptText#finalQuestion})
     * @param userTurns how many user messages the conversation has
     * @param hasSystem whether there is a system prompt
     */
    public static double[] of(String prompt, String question, int userTurns, boolean hasSystem) {
        String p = prompt == null ? "" : prompt;
        String full = question == null ? p : question;
        String q = PromptText.headTail(full, WINDOW);
        double[] f = new double[NAMES.size()];
        int chars = p.length();
        int qChars = full.length();
        f[0] = Math.log1p(chars);
        f[1] = Math.log1p(qChars);
        f[2] = Math.log1p(PromptText.shots(p));
        f[3] = Math.log1p(count(full, '\n'));
        f[4] = chars == 0 ? 1 : (double) qChars / chars;
        f[5] = Math.log1p(matches(CODE, q));
        f[6] = Math.log1p(matches(MATH, q));
        f[7] = q.isEmpty() ? 0 : digits(q) / (double) q.length();
        f[8] = Math.min(1.0, matches(CHOICES, q) / 4.0);
        f[9] = Math.log1p(matches(REASONING, q));
        f[10] = Math.log1p(matches(CREATIVE, q));
        f[11] = Math.log1p(matches(CODE_WORDS, q));
        f[12] = Math.log1p(count(q, '?'));
        f[13] = Math.log(Math.max(1, userTurns));
        f[14] = hasSystem ? 1 : 0;
        f[15] = q.isEmpty() ? 0 : upper(q) / (double) q.length();
        return f;
    }

    private static int matches(Pattern pattern, String text) {
        var m = pattern.matcher(text);
        int n = 0;
        while (m.find() && n < 1000) {
            n++;
        }
        return n;
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static int digits(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static int upper(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isUpperCase(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
