package dev.tiergate.pipeline;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.Usage;
import dev.tiergate.dispatch.Attempt;
import dev.tiergate.dispatch.DispatchFailedException;
import dev.tiergate.dispatch.DispatchResult;
import dev.tiergate.dispatch.Dispatcher;
import dev.tiergate.gate.ModelCallException;
import dev.tiergate.gate.ModelCaller;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.provider.CallContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gates' model calls (the self_grade judge) for one request, through the dispatcher so they get the model's retries
 * and cooldown, and are recorded as attempts of the request: a judge is paid for like any other call. The call
 * runs on its own virtual thread so the gate's timeout holds even when a provider is slow to notice cancellation;
 * on expiry its context is cancelled and the call abandoned.
 */
final class DispatchModelCaller implements ModelCaller {
    /** Tier index and name recorded on judge attempts: they belong to no tier of the ladder. */
    static final int JUDGE_TIER_INDEX = -1;
    static final String JUDGE_TIER = "judge";

    private final Dispatcher dispatcher;
    private final Map<String, ModelEndpoint> models;
    private final CallContext request;
    private final List<Attempt> attempts = new ArrayList<>();

    DispatchModelCaller(Dispatcher dispatcher, Map<String, ModelEndpoint> models, CallContext request) {
        this.dispatcher = dispatcher;
        this.models = models;
        this.request = request;
    }

    /** Every judge attempt made so far, in order. */
    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public ChatResponse call(String model, ChatRequest judgeRequest, Duration timeout) throws ModelCallException {
        ModelEndpoint endpoint = models.get(model);
        if (endpoint == null) {
            throw new ModelCallException("no model named '" + model + "'", false);
        }
        Tier tier = new Tier(JUDGE_TIER_INDEX, JUDGE_TIER, List.of(endpoint), Tier.Balance.FAILOVER);
        Instant limit = Instant.now().plus(timeout);
        CallContext context = new CallContext(limit.isBefore(request.deadline()) ? limit : request.deadline());
        Runnable unlink = request.onCancel(context::cancel);
        Instant started = Instant.now();
        CompletableFuture<DispatchResult> call = new CompletableFuture<>();
        Thread.ofVirtual().name("tiergate-judge").start(() -> {
            try {
                call.complete(dispatcher.dispatch(judgeRequest, tier, Optional.empty(), context, null));
            } catch (DispatchFailedException | RuntimeException e) {
                call.completeExceptionally(e);
            }
        });
        try {
            DispatchResult result = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            record(result.attempts());
            return result.response();
        } catch (TimeoutException e) {
            context.cancel();
            record(List.of(new Attempt(endpoint.name(), endpoint.model(), JUDGE_TIER_INDEX, JUDGE_TIER, started,
                    Duration.between(started, Instant.now()), null, Usage.NONE, 0.0, Attempt.Status.TIMEOUT, 0,
                    "judge timed out after " + timeout.toMillis() + "ms", List.of())));
            throw new ModelCallException("timed out after " + timeout.toMillis() + "ms", true);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DispatchFailedException failed) {
                record(failed.attempts());
                boolean timedOut = failed.last() != null && failed.last().isTimeout();
                throw new ModelCallException(failed.getMessage(), timedOut);
            }
            throw new ModelCallException(String.valueOf(e.getCause()), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.cancel();
            throw new ModelCallException("interrupted", false);
        } finally {
            unlink.run();
        }
    }

    private synchronized void record(List<Attempt> made) {
        attempts.addAll(made);
    }
}
