package dev.tiergate.provider.support;

import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The limits of one upstream call: the total deadline, the first-token deadline and the caller's cancellation.
 * Whichever strikes first <em>aborts</em> the call by running the teardowns the transport registered (close the
 * body stream, cancel the future), which makes the blocked reader fail. Because an abort usually surfaces as some
 * unrelated-looking I/O error or early end of stream, {@link #failure} lets the abort reason win over whatever the
 * transport saw: that is how a closed socket becomes TIMEOUT_TOTAL instead of "stream broken".
 */
public final class CallGuard implements AutoCloseable {

    /** Why a call was torn down from outside the reading thread. */
    public enum Abort {
        CANCELLED(Kind.CANCELLED),
        TIMEOUT_TOTAL(Kind.TIMEOUT_TOTAL),
        TIMEOUT_FIRST_TOKEN(Kind.TIMEOUT_FIRST_TOKEN);

        private final Kind kind;

        Abort(Kind kind) {
            this.kind = kind;
        }
    }

    private final String endpointName;
    private final Duration totalBudget;
    private final Duration firstTokenBudget;
    private final AtomicReference<Abort> abort = new AtomicReference<>();
    private final List<Runnable> teardowns = new CopyOnWriteArrayList<>();
    private final Deadlines.Alarm totalAlarm;
    private final Deadlines.Alarm firstTokenAlarm;
    private final Runnable unregisterCancel;

    private CallGuard(ModelEndpoint endpoint, CallContext context, Duration totalBudget, Deadlines deadlines) {
        this.endpointName = endpoint.name();
        this.totalBudget = totalBudget;
        this.firstTokenBudget = endpoint.timeouts().firstToken();
        this.totalAlarm = deadlines.after(totalBudget, () -> abort(Abort.TIMEOUT_TOTAL));
        this.firstTokenAlarm = deadlines.after(firstTokenBudget, () -> abort(Abort.TIMEOUT_FIRST_TOKEN));
        this.unregisterCancel = context.onCancel(() -> abort(Abort.CANCELLED));
    }

    /**
     * Starts guarding a call. The total budget is the model's {@code timeouts.total} capped by what is left of the
     * request's own deadline, so a retry late in a request cannot outlive the request.
     */
    public static CallGuard start(ModelEndpoint endpoint, CallContext context, Deadlines deadlines) throws ProviderException {
        if (context.isCancelled()) {
            throw new ProviderException(Kind.CANCELLED, endpoint.name() + ": request cancelled before the call");
        }
        Duration remaining = context.remaining();
        Duration total = endpoint.timeouts().total();
        Duration budget = remaining.compareTo(total) < 0 ? remaining : total;
        if (budget.isZero() || budget.isNegative()) {
            throw new ProviderException(Kind.TIMEOUT_TOTAL, endpoint.name() + ": no time left for the call");
        }
        return new CallGuard(endpoint, context, budget, deadlines);
    }

    /** Registers how to tear the call down; runs it at once when the call was already aborted. Must be idempotent. */
    public void onAbort(Runnable teardown) {
        teardowns.add(teardown);
        if (abort.get() != null) {
            teardown.run();
        }
    }

    /** The first token (or, without streaming, the answer) arrived: only the total deadline applies from now on. */
    public void firstTokenArrived() {
        firstTokenAlarm.disarm();
    }

    /** Aborts the call because our own client went away (the stream listener failed). */
    public void cancel() {
        abort(Abort.CANCELLED);
    }

    public Optional<Abort> aborted() {
        return Optional.ofNullable(abort.get());
    }

    public String endpointName() {
        return endpointName;
    }

    private void abort(Abort reason) {
        if (abort.compareAndSet(null, reason)) {
            for (Runnable teardown : teardowns) {
                try {
                    teardown.run();
                } catch (RuntimeException ignored) {
                    // best effort: the reader is woken by whichever teardown worked
                }
            }
        }
    }

    /**
     * The exception to throw for a failed call. An abort explains any failure it provoked, so it wins over
     * {@code observed} (what the transport saw). After chunks reached the client the failure is marked mid-stream,
     * because the dispatcher can no longer retry it transparently.
     */
    public ProviderException failure(ProviderException observed, boolean midStream) {
        Abort reason = abort.get();
        if (reason == Abort.CANCELLED) {
            return observed.kind() == Kind.CANCELLED ? observed
                    : new ProviderException(Kind.CANCELLED, endpointName + ": call cancelled", observed);
        }
        if (reason != null) {
            String message = switch (reason) {
                case TIMEOUT_TOTAL -> endpointName + ": no complete answer within " + totalBudget.toMillis() + " ms";
                default -> endpointName + ": no first token within " + firstTokenBudget.toMillis() + " ms";
            };
            // keep the timeout kind even mid-stream (the flag alone stops retries), so metrics still see a timeout
            return new ProviderException(reason.kind, 0, message, null, midStream, observed);
        }
        if (midStream && !observed.midStream() && observed.kind() != Kind.CANCELLED) {
            return observed.asMidStream();
        }
        return observed;
    }

    @Override
    public void close() {
        totalAlarm.disarm();
        firstTokenAlarm.disarm();
        unregisterCancel.run();
    }
}
