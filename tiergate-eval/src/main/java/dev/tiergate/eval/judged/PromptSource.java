package dev.tiergate.eval.judged;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;

/** Recorded traffic to build an eval set from; only requests stored with their prompt are offered. */
public interface PromptSource {
    /** Calls {@code prompts} for every stored prompt since {@code since}, oldest first. */
    void scan(Instant since, Consumer<RecordedPrompt> prompts) throws IOException;
}
