package dev.tiergate.pipeline;

import dev.tiergate.chat.ChatResponse;
import dev.tiergate.dispatch.Attempt;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.router.RoutingDecision;
import java.util.List;
import java.util.Map;

/**
 * The answer and how it was reached. For a streamed request the response was already sent chunk by chunk;
 * here it is the assembled copy, for accounting.
 *
 * @param headers extra response headers stages want the client to see (e.g. gate verdicts)
 */
public record GatewayResult(ChatResponse response, RoutingDecision decision, Tier tier, ModelEndpoint answeredBy,
                            List<Attempt> attempts, Map<String, String> headers) {
    public GatewayResult {
        attempts = List.copyOf(attempts);
        headers = Map.copyOf(headers);
    }

    public double costUsd() {
        return attempts.stream().mapToDouble(Attempt::costUsd).sum();
    }
}
