package dev.tiergate.eval.judged;

import dev.tiergate.chat.Usage;
import dev.tiergate.dispatch.Attempt;
import java.util.Locale;

/**
 * One paid upstream call, kept with its raw token counts so that the report can re-price it at another rate card
 * ({@code --price-overlay}) without calling anything again.
 *
 * @param model         the config name of the model called
 * @param upstreamModel the provider's model id
 * @param tier          the ladder tier it served, or "baseline" / "judge"
 * @param costUsd       what it cost at the configured prices when it was made
 * @param status        ok | error | timeout | cancelled
 */
public record ModelCall(String model, String upstreamModel, String tier, long inputTokens, long cachedInputTokens,
                        long outputTokens, double costUsd, String status, String error) {

    static ModelCall of(Attempt attempt) {
        Usage usage = attempt.usage();
        return new ModelCall(attempt.endpoint(), attempt.upstreamModel(), attempt.tierName(), usage.inputTokens(),
                usage.cachedInputTokens(), usage.outputTokens(), attempt.costUsd(), attempt.status().name().toLowerCase(Locale.ROOT),
                attempt.error());
    }

    Usage usage() {
        return new Usage(inputTokens, cachedInputTokens, outputTokens);
    }
}
