package dev.tiergate.eval.judged;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderException;

/**
 * A provider that waits for its model's rate limit before each call. It wraps the provider rather than the eval's
 * own calls so that every call is paced: baseline, judges, and the route's retries, failovers and escalations.
 */
final class RateLimitedProvider implements Provider {
    private final Provider delegate;
    private final String model;
    private final RateLimits limits;

    RateLimitedProvider(Provider delegate, String model, RateLimits limits) {
        this.delegate = delegate;
        this.model = model;
        this.limits = limits;
    }

    @Override
    public ChatResponse complete(ChatRequest request, CallContext context) throws ProviderException {
        pace();
        return delegate.complete(request, context);
    }

    @Override
    public ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener) throws ProviderException {
        pace();
        return delegate.stream(request, context, listener);
    }

    private void pace() throws ProviderException {
        try {
            limits.acquire(model);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.CANCELLED, "interrupted while waiting for the rate limit of " + model);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
