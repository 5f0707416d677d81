package dev.tiergate.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.chat.StreamStart;
import dev.tiergate.chat.Usage;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gets one tier's answer: tries the tier's models in order, retries each on retryable errors with backoff
 * (honouring Retry-After, within the policy's budget), fails over to the next model, and records every attempt.
 * A stream that has started reaching the client is never retried: a later failure ends it with an error.
 */
public final class Dispatcher {
    private final Function<ModelEndpoint, Provider> providers;
    private final Cooldowns cooldowns;
    private final EndpointOrder order;
    private final Sleeper sleeper;

    /** How to wait between retries; tests substitute one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public Dispatcher(Function<ModelEndpoint, Provider> providers, Cooldowns cooldowns, Sleeper sleeper) {
        this.providers = providers;
        this.cooldowns = cooldowns;
        this.order = new EndpointOrder(cooldowns);
        this.sleeper = sleeper;
    }

    /**
     * @param pinned a model name to use exclusively (a request that named a model), or empty for the whole tier
     * @param sink   null for a non-streaming call
     */
    public DispatchResult dispatch(ChatRequest request, Tier tier, Optional<String> pinned, CallContext context,
                                   StreamListener sink) throws DispatchFailedException {
        List<ModelEndpoint> candidates = pinned
                .map(name -> tier.models().stream().filter(m -> m.name().equals(name)).toList())
                .orElseGet(() -> order.order(tier));
        List<Attempt> attempts = new ArrayList<>();
        ProviderException last = null;
        List<String> unconfigured = new ArrayList<>();
        for (ModelEndpoint endpoint : candidates) {
            if (!endpoint.isConfigured()) {
                unconfigured.addAll(endpoint.missingEnv());
                continue;
            }
            StartOnce guarded = sink == null ? null : new StartOnce(sink, new StreamStart(endpoint.name(), endpoint.model(), tier.index(), tier.name()));
            Instant firstTry = Instant.now();
            for (int retry = 0; ; retry++) {
                if (context.isCancelled()) {
                    throw new DispatchFailedException("the client went away", attempts,
                            new ProviderException(ProviderException.Kind.CANCELLED, "the client went away"));
                }
                Instant started = Instant.now();
                try {
                    Provider provider = providers.apply(endpoint);
                    ChatResponse response = guarded == null ? provider.complete(request, context) : provider.stream(request, context, guarded);
                    Duration latency = Duration.between(started, Instant.now());
                    attempts.add(new Attempt(endpoint.name(), endpoint.model(), tier.index(), tier.name(), started, latency,
                            guarded == null ? latency : guarded.timeToFirstChunk(started), response.usage(),
                            endpoint.price().cost(response.usage()), Attempt.Status.OK, 200, null, List.of()));
                    cooldowns.recordSuccess(endpoint.name());
                    return new DispatchResult(response, endpoint, attempts);
                } catch (ProviderException e) {
                    last = guarded != null && guarded.started() && !e.midStream() ? e.asMidStream() : e;
                    attempts.add(failed(endpoint, tier, started, last, guarded));
                    if (last.kind() == ProviderException.Kind.CANCELLED) {
                        throw new DispatchFailedException("the client went away", attempts, last);
                    }
                    if (last.retryable()) {
                        cooldowns.recordFailure(endpoint.name(), last.kind() == ProviderException.Kind.RATE_LIMITED);
                    }
                    if (!last.retryable()) {
                        if (last.kind() == ProviderException.Kind.CLIENT_ERROR || last.midStream()) {
                            throw new DispatchFailedException(last.getMessage(), attempts, last);
                        }
                        break; // e.g. total timeout: this model is done, another may still answer
                    }
                    Duration backoff = endpoint.retry().backoff(retry + 1, last.retryAfter().orElse(null));
                    boolean withinBudget = Duration.between(firstTry, Instant.now()).plus(backoff).compareTo(endpoint.retry().budget()) <= 0
                            && backoff.compareTo(context.remaining()) < 0;
                    if (retry >= endpoint.retry().maxRetries() || !withinBudget) {
                        break; // fail over to the next model of the tier
                    }
                    try {
                        sleeper.sleep(backoff);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new DispatchFailedException("interrupted", attempts, last);
                    }
                }
            }
        }
        if (last == null) {
            String what = unconfigured.isEmpty() ? "no model is available" : "not configured: set " + String.join(", ", unconfigured.stream().distinct().toList());
            throw new DispatchFailedException("tier " + tier.name() + ": " + what, attempts, null);
        }
        throw new DispatchFailedException("tier " + tier.name() + ": every model failed; last error: " + last.getMessage(), attempts, last);
    }

    private static Attempt failed(ModelEndpoint endpoint, Tier tier, Instant started, ProviderException e, StartOnce guarded) {
        Attempt.Status status = e.kind() == ProviderException.Kind.CANCELLED ? Attempt.Status.CANCELLED
                : e.isTimeout() ? Attempt.Status.TIMEOUT : Attempt.Status.ERROR;
        return new Attempt(endpoint.name(), endpoint.model(), tier.index(), tier.name(), started,
                Duration.between(started, Instant.now()), guarded != null && guarded.started() ? guarded.timeToFirstChunk(started) : null,
                Usage.NONE, 0.0, status, e.status(), e.kind() + ": " + e.getMessage(), List.of());
    }

    /** Tells the client who is answering just before the first chunk, and remembers that the stream has begun. */
    private static final class StartOnce implements StreamListener {
        private final StreamListener sink;
        private final StreamStart start;
        private volatile Instant firstChunkAt;

        StartOnce(StreamListener sink, StreamStart start) {
            this.sink = sink;
            this.start = start;
        }

        @Override
        public void onChunk(ObjectNode chunk) throws IOException {
            if (firstChunkAt == null) {
                firstChunkAt = Instant.now();
                sink.onStart(start);
            }
            sink.onChunk(chunk);
        }

        boolean started() {
            return firstChunkAt != null;
        }

        Duration timeToFirstChunk(Instant since) {
            return firstChunkAt == null ? null : Duration.between(since, firstChunkAt);
        }
    }
}
