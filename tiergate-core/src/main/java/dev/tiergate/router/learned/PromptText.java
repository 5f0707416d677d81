package dev.tiergate.router.learned;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The truncation policy for what the router embeds.
 *
 * <p>Few-shot prompts (RouterBench, 8-shot GSM8K, ...) put solved examples before the real question; embedding the
 * whole prompt mostly sees the shared examples. So, when the prompt looks few-shot (at least two blank-line
 * separated blocks that carry an answer marker followed by an answer), the router embeds only the trailing blocks
 * after the last solved example: the final question. Whatever is left is then cut to its tail (the end of a prompt
 * is the part a model must act on), first by characters here, then by tokens in the embedder.
 */
public final class PromptText {

    /** An answer marker with an answer after it: "Answer: B", "Answer:\nB", "A: ...", "#### 42", "The answer is 7". */
    private static final Pattern SOLVED = Pattern.compile(
            "(?is)(?:(?:^|\\n|\\s)(?:answer|a|output|solution|label)\\s*[:：][ \\t]*\\n?[ \\t]*\\S"
                    + "|####\\s*\\S|the answer is\\s*\\S)");
    /** An open answer slot at the end: "Answer:" / "A:" with nothing after it. */
    private static final Pattern OPEN_TAIL = Pattern.compile("(?is)(?:answer|\\ba|output|solution)\\s*[:：]\\s*\\z");

    private PromptText() {}

    /** The part of the prompt the router should look at: the final question of a few-shot prompt, else the prompt. */
    public static String finalQuestion(String prompt) {
        return split(prompt).question();
    }

    /** How many solved examples precede the final question (0 when the prompt is not few-shot). */
    public static int shots(String prompt) {
        return split(prompt).shots();
    }

    /**
     * A prompt cut into its final question and the number of solved examples before it.
     *
     * @param question the final question (the whole stripped prompt when it is not few-shot)
     * @param shots    solved examples before the question; 0 when not few-shot
     */
    public record Split(String question, int shots) {}

    /**
     * One pass over the blocks from the end: the trailing blocks up to the last solved one are the question; the
     * prompt counts as few-shot when at least two solved blocks precede it. Each block is tested on its end only,
     * so a 16,000-character prompt costs well under a millisecond.
     */
    public static Split split(String prompt) {
        if (prompt == null || prompt.isEmpty()) {
            return new Split("", 0);
        }
        String stripped = prompt.strip();
        String[] blocks = blocks(stripped);
        if (blocks.length < 3) {
            return new Split(stripped, 0);
        }
        int last = blocks.length - 1;
        int firstSolved = -1;
        int solved = 0;
        for (int i = last - 1; i >= 0; i--) {
            if (isSolved(blocks[i])) {
                solved++;
                if (firstSolved < 0) {
                    firstSolved = i;
                }
            }
        }
        if (solved < 2) {
            return new Split(stripped, 0);
        }
        StringBuilder q = new StringBuilder();
        for (int i = firstSolved + 1; i <= last; i++) {
            if (!q.isEmpty()) {
                q.append("\n\n");
            }
            q.append(blocks[i]);
        }
        String question = q.toString().strip();
        return question.isEmpty() ? new Split(stripped, 0) : new Split(question, solved);
    }

    /** Blank-line separated blocks (a hand-written scanner: regex splitting showed up in profiles). */
    static String[] blocks(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int start = 0;
        int lineStart = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n') {
                boolean blank = true;
                for (int k = lineStart; k < i; k++) {
                    char c = text.charAt(k);
                    if (c != ' ' && c != '\t' && c != '\r') {
                        blank = false;
                        break;
                    }
                }
                if (blank && i < n && lineStart > start) {
                    out.add(text.substring(start, lineStart - 1));
                    start = i + 1;
                } else if (blank && i < n) {
                    start = i + 1;
                }
                lineStart = i + 1;
            }
        }
        if (start < n) {
            out.add(text.substring(start));
        }
        return out.toArray(new String[0]);
    }

    static boolean isSolved(String block) {
        // an answer sits at the end of a solved example: look at its last lines only (bounded cost per block)
        String trimmed = block.strip();
        int from = trimmed.length();
        for (int lines = 0; lines < 3 && from > 0; lines++) {
            int nl = trimmed.lastIndexOf('\n', from - 1);
            from = nl < 0 ? 0 : nl;
        }
        from = Math.max(from, trimmed.length() - 400);
        String end = trimmed.substring(Math.max(0, from));
        if (OPEN_TAIL.matcher(end).find()) {
            return false;
        }
        Matcher m = SOLVED.matcher(end);
        return m.find();
    }

    /**
     * Template lines: stripped lines that occur in at least {@code minShare} of the texts (and {@code minCount} of
     * them), such as "Answer:" or "Print only a single choice ... without explanation.". With a small token budget
     * they would otherwise fill the embedding window of every prompt of a benchmark.
     */
    public static java.util.Set<String> boilerplate(java.util.List<String> texts, double minShare, int minCount) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (String t : texts) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String line : t.split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && seen.add(l)) {
                    counts.merge(l, 1, Integer::sum);
                }
            }
        }
        java.util.Set<String> out = new java.util.TreeSet<>();
        double need = Math.max(minCount, minShare * texts.size());
        counts.forEach((line, n) -> {
            if (n >= need) {
                out.add(line);
            }
        });
        return out;
    }

    /** The text without its template lines (unchanged when nothing else would be left). */
    public static String stripLines(String text, java.util.Set<String> boilerplate) {
        if (boilerplate.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!boilerplate.contains(line.strip())) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(line);
            }
        }
        String out = sb.toString().strip();
        return out.isEmpty() ? text : out;
    }

    /** At most {@code maxChars} characters: the first quarter and the last three quarters of the budget. */
    public static String headTail(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int head = maxChars / 4;
        return text.substring(0, head) + " … " + tail(text, maxChars - head);
    }

    /** The last {@code maxChars} characters, starting at a whitespace boundary when one is near. */
    public static String tail(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int start = text.length() - maxChars;
        int limit = Math.min(text.length(), start + 32);
        for (int i = start; i < limit; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return text.substring(i + 1);
            }
        }
        return text.substring(start);
    }
}
