package dev.tiergate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategorizerTest {
    private final Categorizer categorizer = new Categorizer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Write a python function that reverses a list | code",
            "What is 17 * 23? | math",
            "Summarize this article in two lines | extraction",
            "Write a short poem about autumn | writing",
            "Explain why the sky is blue | reasoning",
            "Hello, how are you? | chat"})
    void fallsIntoACoarseCategory(String text, String category) {
        assertThat(categorizer.categorize(LedgerTestKit.request("auto", text), Map.of())).isEqualTo(category);
    }

    @Test
    void aClientTagWinsWhenItIsAPlainName() {
        assertThat(categorizer.categorize(LedgerTestKit.request("auto", "Hello"), Map.of(Categorizer.HEADER, "Billing"))).isEqualTo("billing");
        assertThat(categorizer.categorize(LedgerTestKit.request("auto", "Hello"), Map.of(Categorizer.HEADER, "<script>"))).isEqualTo("chat");
    }

    /** The rules as they were first written, as regexes: the word-based categorizer must agree with them. */
    private static final Pattern[] ORACLE = {
        Pattern.compile("```|\\bdef \\w+\\(|\\bclass \\w+|#include|\\bfunction\\b|\\b(?:python|java(?:script)?|typescript|sql|regex|rust|golang|bash|compile|stack ?trace|exception|bug)\\b"),
        Pattern.compile("\\\\frac|\\\\sqrt|\\d+\\s*[-+*/^=×÷]\\s*\\d+|\\b(?:equation|integral|derivative|probability|solve|calculate|compute|percent)\\b"),
        Pattern.compile("\\b(?:extract|classify|categori[sz]e|summari[sz]e|tl;?dr|translate|label|sentiment)\\b"),
        Pattern.compile("\\b(?:story|poem|essay|email|draft|imagine|role[- ]?play|brainstorm|compose|blog|slogan|lyrics)\\b"),
        Pattern.compile("\\b(?:why|explain|prove|derive|analy[sz]e|compare|step[- ]by[- ]step|justify|evaluate|trade-?offs?)\\b")};
    private static final String[] LABELS = {"code", "math", "extraction", "writing", "reasoning"};

    private static String oracle(String lowerCase) {
        for (int i = 0; i < ORACLE.length; i++) {
            if (ORACLE[i].matcher(lowerCase).find()) {
                return LABELS[i];
            }
        }
        return "chat";
    }

    @Test
    void agreesWithTheRegexRulesOnRandomTextFullOfKeywordsAndNearMisses() {
        String[] pieces = {"python", "pythonic", "java", "javascript", "javas", "sql", "bug", "bugs", "stack trace",
            "stacktrace", "stack  trace", "def f(", "def  f(", "undef x(", "class Foo", "subclass foo", "class ", "#include",
            "```", "function", "functional", "\\frac", "\\sqrt", "3 + 4", "3+", "x = 5", "2×3", "12 ÷ 4", "solve",
            "solver", "percent", "percentage", "tl;dr", "tldr", "tl; dr", "summarise", "summarize", "summary",
            "categorise", "label", "labels", "role-play", "role play", "roleplay", "role--play", "role", "play", "email",
            "e-mail", "poem", "poems", "step by step", "step-by-step", "stepbystep", "step", "trade-off", "trade-offs",
            "tradeoff", "tradeoffs", "trade off", "why", "whY", "explain", "explained", "analyse", "analyze", "analysis",
            "hello", "the", "é", "éexplain", "explainé", "naïve", "日本語", "_bug", "bug_", "bug2", "2bug", "é3 + 4",
            " ", " ", "\n", ".", ",", "-", "_", "(", ")", "?", "!", "'", "\"", ";", ":", "/", "*", "^", "="};
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int count = 1 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) > 0) {
                    text.append(random.nextBoolean() ? " " : pieces[random.nextInt(pieces.length)]);
                }
            }
            String lower = text.toString().toLowerCase(Locale.ROOT);
            assertThat(Categorizer.categorizeLowerCase(lower)).as(lower).isEqualTo(oracle(lower));
        }
    }
}
