package dev.tiergate.ledger;

import dev.tiergate.chat.ChatRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts a request into a coarse task category for the report and the per-category output ratios. A client can
 * name it with the {@code x-tiergate-category} header; otherwise keywords in the last user message decide (no
 * model), so the category is stable and explainable rather than clever.
 * <p>
 * The text is split into words once and the words looked up in per-category sets; the few markers that are not
 * single words ({@code ```}, {@code def f(}, {@code 3 + 4}, {@code step by step}...) are checked only when a cheap
 * substring test says they may be there. The same rules as five alternation regexes over the text used to cost
 * about 30 % of the gateway's CPU per request (JFR, bench/run.sh at c=32); {@code CategorizerTest} checks the two
 * agree. Word characters are {@code [a-z0-9_]}, as for {@code \b} in Java regexes.
 */
public final class Categorizer {
    public static final String HEADER = "x-tiergate-category";
    private static final int SCAN_LIMIT = 4_000;
    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");

    private static final Set<String> CODE_WORDS = Set.of("function", "python", "java", "javascript", "typescript", "sql",
            "regex", "rust", "golang", "bash", "compile", "exception", "bug", "stacktrace");
    private static final Set<String> MATH_WORDS = Set.of("equation", "integral", "derivative", "probability", "solve",
            "calculate", "compute", "percent");
    private static final Set<String> EXTRACT_WORDS = Set.of("extract", "classify", "categorise", "categorize", "summarise",
            "summarize", "tldr", "translate", "label", "sentiment");
    private static final Set<String> CREATIVE_WORDS = Set.of("story", "poem", "essay", "email", "draft", "imagine",
            "roleplay", "brainstorm", "compose", "blog", "slogan", "lyrics");
    private static final Set<String> REASONING_WORDS = Set.of("why", "explain", "prove", "derive", "analyse", "analyze",
            "compare", "justify", "evaluate", "tradeoff", "tradeoffs");

    // the multi-token markers, each run only behind a substring guard
    private static final Pattern CODE_SHAPES = Pattern.compile("\\bdef \\w+\\(|\\bclass \\w+|\\bstack trace\\b");
    private static final Pattern ARITHMETIC = Pattern.compile("\\d+\\s*[-+*/^=×÷]\\s*\\d+");
    private static final Pattern TLDR = Pattern.compile("\\btl;dr\\b");
    private static final Pattern ROLE_PLAY = Pattern.compile("\\brole[- ]play\\b");
    private static final Pattern REASONING_PHRASES = Pattern.compile("\\bstep[- ]by[- ]step\\b|\\btrade-offs?\\b");

    private enum Category {
        CODE("code"), MATH("math"), EXTRACTION("extraction"), WRITING("writing"), REASONING("reasoning"), CHAT("chat");

        final String label;

        Category(String label) {
            this.label = label;
        }
    }

    public String categorize(ChatRequest request, Map<String, String> headers) {
        String tagged = headers.get(HEADER);
        if (tagged != null) {
            String clean = tagged.trim().toLowerCase(Locale.ROOT);
            if (SAFE.matcher(clean).matches()) {
                return clean;
            }
        }
        String text = request.lastUserText();
        if (text == null || text.isBlank()) {
            return "other";
        }
        String head = (text.length() > SCAN_LIMIT ? text.substring(0, SCAN_LIMIT) : text).toLowerCase(Locale.ROOT);
        return categorizeLowerCase(head);
    }

    /** The category of an already lower-cased text: the first of code, math, extraction, writing, reasoning that matches. */
    static String categorizeLowerCase(String head) {
        Category best = markers(head);
        if (best == Category.CODE) {
            return best.label;
        }
        int length = head.length();
        int start = -1;
        for (int i = 0; i <= length; i++) {
            boolean wordChar = i < length && isWordChar(head.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                Category category = wordCategory(head.substring(start, i));
                if (category.ordinal() < best.ordinal()) {
                    best = category;
                    if (best == Category.CODE) {
                        break;
                    }
                }
                start = -1;
            }
        }
        return best.label;
    }

    /** The best category among the markers that are not single words. */
    private static Category markers(String head) {
        if (head.contains("```") || head.contains("#include")
                || (head.contains("def ") || head.contains("class ") || head.contains("stack trace"))
                && CODE_SHAPES.matcher(head).find()) {
            return Category.CODE;
        }
        if (head.contains("\\frac") || head.contains("\\sqrt") || hasDigit(head) && ARITHMETIC.matcher(head).find()) {
            return Category.MATH;
        }
        if (head.contains("tl;dr") && TLDR.matcher(head).find()) {
            return Category.EXTRACTION;
        }
        if (head.contains("role") && ROLE_PLAY.matcher(head).find()) {
            return Category.WRITING;
        }
        if ((head.contains("step") || head.contains("trade-off")) && REASONING_PHRASES.matcher(head).find()) {
            return Category.REASONING;
        }
        return Category.CHAT;
    }

    private static Category wordCategory(String word) {
        if (CODE_WORDS.contains(word)) {
            return Category.CODE;
        }
        if (MATH_WORDS.contains(word)) {
            return Category.MATH;
        }
        if (EXTRACT_WORDS.contains(word)) {
            return Category.EXTRACTION;
        }
        if (CREATIVE_WORDS.contains(word)) {
            return Category.WRITING;
        }
        if (REASONING_WORDS.contains(word)) {
            return Category.REASONING;
        }
        return Category.CHAT;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c >= 'A' && c <= 'Z';
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
