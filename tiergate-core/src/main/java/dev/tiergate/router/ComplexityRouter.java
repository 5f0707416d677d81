package dev.tiergate.router;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.RouteConfig;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.router.learned.PromptText;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Baseline heuristic in the spirit of LiteLLM's complexity router: a score in [0, 1] from the prompt's length and
 * keyword families (code, maths, reasoning, multi-step, technical), no model involved. Tier =
 * min(N - 1, floor(score / threshold * (N - 1))), so with two tiers the strong tier is chosen when score >= threshold.
 * Strategy name {@code complexity}; default threshold 0.35.
 */
public final class ComplexityRouter implements Router {

    public static final String STRATEGY = "complexity";
    public static final double DEFAULT_THRESHOLD = 0.35;

    private static final Pattern CODE = Pattern.compile(
            "```|\\b(?:function|class|def|return|import|compile|debug|refactor|python|java|javascript|sql|regex|api|algorithm|implement)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MATH = Pattern.compile(
            "\\\\frac|\\\\sqrt|\\d+\\s*[-+*/^=]\\s*\\d+|\\b(?:equation|integral|derivative|theorem|proof|prove|probability|matrix|calculate|solve)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REASONING = Pattern.compile(
            "\\b(?:why|explain|analy[sz]e|compare|evaluate|justify|reason|infer|deduce|trade-?offs?|implications?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MULTI_STEP = Pattern.compile(
            "step[- ]by[- ]step|\\bfirst\\b.*\\bthen\\b|\\b(?:plan|design|architect|strategy|detailed|comprehensive)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SIMPLE = Pattern.compile(
            "^(?:hi|hello|thanks|thank you|what is|who is|define|translate)\\b", Pattern.CASE_INSENSITIVE);

    private final double threshold;

    public ComplexityRouter(double threshold) {
        this.threshold = Double.isNaN(threshold) ? DEFAULT_THRESHOLD : threshold;
    }

    public static ComplexityRouter fromConfig(RouteConfig route) {
        return new ComplexityRouter(route.threshold());
    }

    @Override
    public String strategy() {
        return STRATEGY;
    }

    /** The complexity score of a prompt text, in [0, 1]. */
    public static double score(String prompt) {
        String q = PromptText.finalQuestion(prompt == null ? "" : prompt);
        double tokens = q.length() / 4.0;
        double length = Math.min(1, Math.log1p(tokens) / Math.log1p(1500)); // ~1500 tokens saturates
        double s = 0.45 * length
                + 0.15 * saturate(count(CODE, q), 3)
                + 0.15 * saturate(count(MATH, q), 3)
                + 0.15 * saturate(count(REASONING, q), 2)
                + 0.10 * saturate(count(MULTI_STEP, q), 2);
        if (SIMPLE.matcher(q.strip()).find() && tokens < 30) {
            s *= 0.5;
        }
        return Math.max(0, Math.min(1, s));
    }

    @Override
    public RoutingDecision decide(ChatRequest request, Ladder ladder) {
        String text = request.lastUserText();
        double s = score(text.isEmpty() ? request.allText() : text);
        int n = ladder.size();
        int tier = n == 1 ? 0 : (int) Math.min(n - 1, Math.floor(s / threshold * (n - 1)));
        return new RoutingDecision(tier, s, threshold, STRATEGY,
                String.format(Locale.ROOT, "complexity %.3f vs %.3f", s, threshold));
    }

    private static double saturate(int count, int at) {
        return Math.min(1.0, count / (double) at);
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find() && n < 100) {
            n++;
        }
        return n;
    }
}
