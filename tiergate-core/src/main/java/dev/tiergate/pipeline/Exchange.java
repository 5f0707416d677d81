package dev.tiergate.pipeline;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.provider.CallContext;
import dev.tiergate.router.RoutingDecision;

/**
 * A request on its way through the interceptor chain. Immutable: a stage that changes something passes a copy
 * to {@link Chain#proceed(Exchange)}.
 *
 * @param decision null until the routing stage has run
 * @param sink     null for non-streaming requests
 */
public record Exchange(ChatRequest request, Target target, RoutingDecision decision, RequestMeta meta,
                       CallContext context, StreamListener sink) {

    public boolean streaming() {
        return sink != null;
    }

    public Exchange withDecision(RoutingDecision newDecision) {
        return new Exchange(request, target, newDecision, meta, context, sink);
    }

    public Exchange withRequest(ChatRequest newRequest) {
        return new Exchange(newRequest, target, decision, meta, context, sink);
    }

    public Exchange withSink(StreamListener newSink) {
        return new Exchange(request, target, decision, meta, context, newSink);
    }
}
