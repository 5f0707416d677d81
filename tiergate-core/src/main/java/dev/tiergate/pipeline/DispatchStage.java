package dev.tiergate.pipeline;

import dev.tiergate.dispatch.DispatchFailedException;
import dev.tiergate.dispatch.DispatchResult;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.Tier;
import dev.tiergate.provider.ProviderException;
import java.util.Map;

/** The terminal stage: sends the exchange to the decided tier and turns exhausted upstreams into client errors. */
public final class DispatchStage implements Interceptor {
    private final Ladder ladder;
    private final Dispatcher dispatcher;

    public DispatchStage(Ladder ladder, Dispatcher dispatcher) {
        this.ladder = ladder;
        this.dispatcher = dispatcher;
    }

    @Override
    public GatewayResult intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        Tier tier = ladder.tier(exchange.decision().tierIndex());
        try {
            DispatchResult result = dispatcher.dispatch(exchange.request(), tier, exchange.target().pinnedModel(),
                    exchange.context(), exchange.sink());
            return new GatewayResult(result.response(), exchange.decision(), tier, result.answeredBy(), result.attempts(), Map.of());
        } catch (DispatchFailedException e) {
            throw toClientError(e);
        }
    }

    static GatewayException toClientError(DispatchFailedException e) {
        ProviderException last = e.last();
        if (last == null) {
            return new GatewayException(503, "api_error", "model_not_configured", "model", e.getMessage(), e.attempts());
        }
        if (last.kind() == ProviderException.Kind.CANCELLED) {
            return new GatewayException(499, "api_error", "client_closed_request", null, "the client closed the request", e.attempts());
        }
        if (last.kind() == ProviderException.Kind.CLIENT_ERROR && last.status() != 401 && last.status() != 403) {
            int status = last.status() == 0 ? 400 : last.status();
            return new GatewayException(status, "invalid_request_error", "upstream_rejected_request", null,
                    "the upstream model rejected the request: " + last.getMessage(), e.attempts());
        }
        if (last.kind() == ProviderException.Kind.CLIENT_ERROR) {
            return new GatewayException(502, "api_error", "upstream_auth_failed", null,
                    "the upstream rejected the gateway's credentials (HTTP " + last.status() + "); check api_key in the config", e.attempts());
        }
        if (last.isTimeout()) {
            return new GatewayException(504, "api_error", "upstream_timeout", null, e.getMessage(), e.attempts());
        }
        return new GatewayException(502, "api_error", last.midStream() ? "upstream_stream_broken" : "upstream_error", null,
                e.getMessage(), e.attempts());
    }
}
