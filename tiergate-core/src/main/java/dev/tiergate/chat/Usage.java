package dev.tiergate.chat;

/** Token counts of one call. {@code inputTokens} includes {@code cachedInputTokens}, as OpenAI reports it. */
public record Usage(long inputTokens, long cachedInputTokens, long outputTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);

    public Usage {
        if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, cachedInputTokens + other.cachedInputTokens,
                outputTokens + other.outputTokens);
    }
}
