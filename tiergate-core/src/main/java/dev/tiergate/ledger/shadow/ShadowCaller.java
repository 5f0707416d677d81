package dev.tiergate.ledger.shadow;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.dispatch.DispatchFailedException;
import dev.tiergate.dispatch.DispatchResult;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.ladder.Tier;
import dev.tiergate.provider.CallContext;
import java.time.Duration;
import java.util.Optional;

/** Makes the shadow's own upstream calls (frontier answer, judge verdicts), with retries and failover. */
@FunctionalInterface
public interface ShadowCaller {
    DispatchResult call(ChatRequest request, Tier tier, Duration budget) throws DispatchFailedException;

    static ShadowCaller of(Dispatcher dispatcher) {
        return (request, tier, budget) -> dispatcher.dispatch(request, tier, Optional.empty(), CallContext.within(budget), null);
    }
}
