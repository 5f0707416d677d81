package dev.tiergate.dispatch;

import dev.tiergate.chat.ChatResponse;
import dev.tiergate.ladder.ModelEndpoint;
import java.util.List;

/** The answer of a tier and every attempt it took to get it (retries and failovers included). */
public record DispatchResult(ChatResponse response, ModelEndpoint answeredBy, List<Attempt> attempts) {
    public DispatchResult {
        attempts = List.copyOf(attempts);
    }
}
