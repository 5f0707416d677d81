package dev.tiergate.ledger;

import dev.tiergate.chat.ChatRequest;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Puts a request into a coarse task category for the report and the per-category output ratios. A client can
 * name it with the {@code x-tiergate-category} header; otherwise a few cheap patterns over the last user message
 * decide (microseconds, no model), so the category is stable and explainable rather than clever.
 */
public final class Categorizer {
    public static final String HEADER = "x-tiergate-category";
    private static final int SCAN_LIMIT = 4_000;
    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");
    private static final Pattern CODE = Pattern.compile(
            "```|\\bdef \\w+\\(|\\bclass \\w+|#include|\\bfunction\\b|\\b(?:python|java(?:script)?|typescript|sql|regex|rust|golang|bash|compile|stack ?trace|exception|bug)\\b");
    private static final Pattern MATH = Pattern.compile(
            "\\\\frac|\\\\sqrt|\\d+\\s*[-+*/^=×÷]\\s*\\d+|\\b(?:equation|integral|derivative|probability|solve|calculate|compute|percent)\\b");
    private static final Pattern EXTRACT = Pattern.compile(
            "\\b(?:extract|classify|categori[sz]e|summari[sz]e|tl;?dr|translate|label|sentiment)\\b");
    private static final Pattern CREATIVE = Pattern.compile(
            "\\b(?:story|poem|essay|email|draft|imagine|role[- ]?play|brainstorm|compose|blog|slogan|lyrics)\\b");
    private static final Pattern REASONING = Pattern.compile(
            "\\b(?:why|explain|prove|derive|analy[sz]e|compare|step[- ]by[- ]step|justify|evaluate|trade-?offs?)\\b");

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
        // lower-cased once, so the patterns need no case-insensitive matching (several times slower per scan)
        String head = (text.length() > SCAN_LIMIT ? text.substring(0, SCAN_LIMIT) : text).toLowerCase(Locale.ROOT);
        if (CODE.matcher(head).find()) {
            return "code";
        }
        if (MATH.matcher(head).find()) {
            return "math";
        }
        if (EXTRACT.matcher(head).find()) {
            return "extraction";
        }
        if (CREATIVE.matcher(head).find()) {
            return "writing";
        }
        if (REASONING.matcher(head).find()) {
            return "reasoning";
        }
        return "chat";
    }
}
