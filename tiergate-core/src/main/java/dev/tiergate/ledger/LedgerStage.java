package dev.tiergate.ledger;

import dev.tiergate.pipeline.Chain;
import dev.tiergate.pipeline.Exchange;
import dev.tiergate.pipeline.GatewayException;
import dev.tiergate.pipeline.GatewayResult;
import dev.tiergate.pipeline.Interceptor;
import java.time.Instant;
import java.util.List;

/**
 * Records one ledger entry per request, answered or failed, with every attempt. Placed just inside the metrics
 * stage so it sees the whole request, escalations included. Building the record is pure computation; persisting it
 * is the sink's job and never blocks, so the ledger adds microseconds, not I/O, to the request path.
 */
public final class LedgerStage implements Interceptor {
    private static final System.Logger LOG = System.getLogger(LedgerStage.class.getName());

    private final RequestRecorder recorder;
    private final LedgerSink sink;
    private final List<RequestObserver> observers;

    public LedgerStage(RequestRecorder recorder, LedgerSink sink, List<RequestObserver> observers) {
        this.recorder = recorder;
        this.sink = sink;
        this.observers = List.copyOf(observers);
    }

    @Override
    public GatewayResult intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        GatewayResult result;
        try {
            result = chain.proceed(exchange);
        } catch (GatewayException e) {
            record(exchange, null, () -> recorder.failed(exchange, e, timing(start, t0)));
            throw e;
        }
        record(exchange, result, () -> recorder.answered(exchange, result, timing(start, t0)));
        return result;
    }

    private void record(Exchange exchange, GatewayResult result, java.util.function.Supplier<RequestRecord> build) {
        RequestRecord record;
        try {
            record = build.get();
            sink.accept(record);
            LengthPair pair = recorder.lengthPair(record);
            if (pair != null) {
                sink.accept(pair);
            }
        } catch (RuntimeException e) {
            // accounting must never turn an answered request into an error
            LOG.log(System.Logger.Level.ERROR, "ledger: could not record request " + exchange.meta().requestId(), e);
            return;
        }
        for (RequestObserver observer : observers) {
            try {
                observer.observe(exchange, result, record);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "ledger: observer failed for request " + record.id(), e);
            }
        }
    }

    private static RequestRecorder.Timing timing(Instant start, long t0) {
        return new RequestRecorder.Timing(start, (System.nanoTime() - t0) / 1_000_000);
    }
}
