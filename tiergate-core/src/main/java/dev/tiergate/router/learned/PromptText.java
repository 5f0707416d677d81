package dev.tiergate.router.learned;

import java.util.ArrayList;
import java.util.List;
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

    private static final Pattern BLOCK_SPLIT = Pattern.compile("\\n[ \\t]*\\n");
    /** An answer marker with an answer after it: "Answer: B", "Answer:\nB", "A: ...", "#### 42", "The answer is 7". */
    private static final Pattern SOLVED = Pattern.compile(
            "(?is)(?:(?:^|\\n|\\s)(?:answer|a|output|solution|label)\\s*[:：][ \\t]*\\n?[ \\t]*\\S"
                    + "|####\\s*\\S|the answer is\\s*\\S)");
    /** An open answer slot at the end: "Answer:" / "A:" with nothing after it. */
    private static final Pattern OPEN_TAIL = Pattern.compile("(?is)(?:answer|a|output|solution)\\s*[:：]\\s*$");

    private PromptText() {}

    /** The part of the prompt the router should look at: the final question of a few-shot prompt, else the prompt. */
    public static String finalQuestion(String prompt) {
        if (prompt == null || prompt.isEmpty()) {
            return "";
        }
        String[] blocks = BLOCK_SPLIT.split(prompt.strip());
        if (blocks.length < 3) {
            return prompt.strip();
        }
        int solved = 0;
        for (String block : blocks) {
            if (isSolved(block)) {
                solved++;
            }
        }
        if (solved < 2) {
            return prompt.strip();
        }
        List<String> tail = new ArrayList<>();
        for (int i = blocks.length - 1; i >= 0; i--) {
            if (i < blocks.length - 1 && isSolved(blocks[i])) {
                break;
            }
            tail.add(0, blocks[i]);
        }
        String question = String.join("\n\n", tail).strip();
        return question.isEmpty() ? prompt.strip() : question;
    }

    /** How many solved examples precede the final question (0 when the prompt is not few-shot). */
    public static int shots(String prompt) {
        if (prompt == null || prompt.isEmpty()) {
            return 0;
        }
        String[] blocks = BLOCK_SPLIT.split(prompt.strip());
        int solved = 0;
        for (int i = 0; i < blocks.length - 1; i++) {
            if (isSolved(blocks[i])) {
                solved++;
            }
        }
        return solved >= 2 && blocks.length >= 3 ? solved : 0;
    }

    static boolean isSolved(String block) {
        String trimmed = block.strip();
        if (OPEN_TAIL.matcher(trimmed).find()) {
            return false;
        }
        Matcher m = SOLVED.matcher(trimmed);
        return m.find();
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
