package dev.tiergate.provider.bedrock;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * Turns the SDK's reactive ConverseStream into a blocking sequence for the calling (virtual) thread. Events are
 * requested one at a time, only after the previous one was handed to the client, so a slow client slows the
 * upstream read instead of filling memory.
 */
final class EventStreamBridge implements ConverseStreamResponseHandler {

    /** What the reading thread can receive next. */
    sealed interface Signal {
        record Event(ConverseStreamOutput event) implements Signal {}

        record Failed(Throwable cause) implements Signal {}

        record Ended() implements Signal {}

        /** Our own teardown (deadline, cancellation) woke the reader. */
        record Aborted() implements Signal {}
    }

    private static final Duration DETAIL_WAIT = Duration.ofMillis(200);

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private final AtomicBoolean aborted = new AtomicBoolean();

    @Override
    public void responseReceived(ConverseStreamResponse response) {}

    @Override
    public void onEventStream(SdkPublisher<ConverseStreamOutput> publisher) {
        publisher.subscribe(new Subscriber<ConverseStreamOutput>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription.set(s);
                if (aborted.get()) {
                    s.cancel();
                } else {
                    s.request(1);
                }
            }

            @Override
            public void onNext(ConverseStreamOutput event) {
                signals.add(new Signal.Event(event));
            }

            @Override
            public void onError(Throwable t) {
                signals.add(new Signal.Failed(t));
            }

            @Override
            public void onComplete() {
                signals.add(new Signal.Ended());
            }
        });
    }

    @Override
    public void exceptionOccurred(Throwable throwable) {
        signals.add(new Signal.Failed(throwable));
    }

    @Override
    public void complete() {
        signals.add(new Signal.Ended());
    }

    Signal next() throws InterruptedException {
        return signals.take();
    }

    /**
     * The most telling of the failures reported around {@code first}. When Bedrock sends an exception frame, the
     * SDK cancels the body first and reports its own "subscriber cancelled" before the modelled exception
     * (throttling, model error...) that says what happened; this waits briefly for the latter.
     */
    Throwable mostSpecificFailure(Throwable first) throws InterruptedException {
        long deadline = System.nanoTime() + DETAIL_WAIT.toNanos();
        Throwable best = first;
        while (!isServiceError(best) && !aborted.get()) {
            Signal next = signals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            if (next instanceof Signal.Failed failed && isServiceError(failed.cause())) {
                best = failed.cause();
            }
        }
        return best;
    }

    private static boolean isServiceError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException) {
                return true;
            }
        }
        return false;
    }

    /** Asks for the event after the one just handled. */
    void requestNext() {
        Subscription s = subscription.get();
        if (s != null && !aborted.get()) {
            s.request(1);
        }
    }

    void abort() {
        if (aborted.compareAndSet(false, true)) {
            signals.add(new Signal.Aborted());
            Subscription s = subscription.get();
            if (s != null) {
                s.cancel();
            }
        }
    }
}
