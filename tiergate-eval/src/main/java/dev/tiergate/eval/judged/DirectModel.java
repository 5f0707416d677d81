package dev.tiergate.eval.judged;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.dispatch.Attempt;
import dev.tiergate.dispatch.DispatchFailedException;
import dev.tiergate.dispatch.DispatchResult;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.provider.CallContext;
import java.util.List;
import java.util.Optional;

/**
 * Calls exactly one configured model (the baseline, or a judge) through the dispatcher, so these calls get the same
 * retries, timeouts and pricing as the routed ones and only the routing differs between the passes.
 */
final class DirectModel {
    /** Attempts of a call outside the ladder carry tier index -1, as the gates' judge calls do. */
    private static final int OFF_LADDER = -1;

    private final Dispatcher dispatcher;
    private final ModelEndpoint model;
    private final Tier tier;

    DirectModel(Dispatcher dispatcher, ModelEndpoint model, String role) {
        this.dispatcher = dispatcher;
        this.model = model;
        this.tier = new Tier(OFF_LADDER, role, List.of(model), Tier.Balance.FAILOVER);
    }

    ModelEndpoint model() {
        return model;
    }

    /** The answer, or a failed result carrying every attempt made; never throws for an upstream failure. */
    PassResult call(ChatRequest request, CallContext context) {
        try {
            DispatchResult result = dispatcher.dispatch(request.withModel(model.name()), tier, Optional.empty(), context, null);
            return new PassResult(result.response().text(), result.answeredBy().name(), tier.name(), 0, calls(result.attempts()), null);
        } catch (DispatchFailedException e) {
            return PassResult.failed(e.getMessage(), calls(e.attempts()));
        }
    }

    static List<ModelCall> calls(List<Attempt> attempts) {
        return attempts.stream().map(ModelCall::of).toList();
    }
}
