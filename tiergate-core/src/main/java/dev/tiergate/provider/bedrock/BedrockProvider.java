package dev.tiergate.provider.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import dev.tiergate.provider.support.CallGuard;
import dev.tiergate.provider.support.Deadlines;
import dev.tiergate.provider.support.ChunkSink;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * AWS Bedrock through the Converse and ConverseStream APIs, which give every Bedrock model family one message
 * format. Calls go through the SDK's async client and the calling thread blocks on them; the per-call
 * {@link CallGuard} cancels the SDK future (and the event subscription) on deadlines and cancellation. Without
 * streaming, Converse returns nothing before the whole answer, so the first-token timeout bounds the whole call.
 */
public final class BedrockProvider implements Provider {
    private final ModelEndpoint endpoint;
    private final Deadlines deadlines;
    private final BedrockConnection connection;
    private final BedrockRuntimeAsyncClient client;

    public BedrockProvider(ModelEndpoint endpoint) {
        this.endpoint = endpoint;
        this.deadlines = new Deadlines(endpoint.name());
        this.connection = BedrockConnection.open(endpoint);
        this.client = connection.client();
    }

    @Override
    public ChatResponse complete(ChatRequest request, CallContext context) throws ProviderException {
        BedrockRequestTranslator.Converse converse = BedrockRequestTranslator.translate(request);
        try (CallGuard guard = CallGuard.start(endpoint, context, deadlines)) {
            CompletableFuture<ConverseResponse> pending = client.converse(converse.converse(endpoint.model()));
            guard.onAbort(() -> pending.cancel(true));
            try {
                ConverseResponse response = pending.get();
                guard.firstTokenArrived();
                return BedrockResponses.completion(response, endpoint.model());
            } catch (ExecutionException e) {
                throw guard.failure(BedrockErrors.classify(e.getCause(), endpoint.name()), false);
            } catch (CancellationException e) {
                throw guard.failure(new ProviderException(Kind.PROTOCOL, endpoint.name() + ": call aborted", e), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                guard.cancel();
                throw new ProviderException(Kind.CANCELLED, endpoint.name() + ": interrupted", e);
            }
        }
    }

    @Override
    public ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener) throws ProviderException {
        BedrockRequestTranslator.Converse converse = BedrockRequestTranslator.translate(request);
        try (CallGuard guard = CallGuard.start(endpoint, context, deadlines)) {
            EventStreamBridge bridge = new EventStreamBridge();
            CompletableFuture<Void> pending = client.converseStream(converse.converseStream(endpoint.model()), bridge);
            guard.onAbort(() -> {
                bridge.abort();
                pending.cancel(true);
            });
            ChunkSink sink = new ChunkSink(listener, guard);
            try {
                return relay(bridge, new BedrockStreamTranslator(endpoint.model()), sink);
            } catch (ProviderException e) {
                throw guard.failure(e, sink.started());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                guard.cancel();
                throw new ProviderException(Kind.CANCELLED, endpoint.name() + ": interrupted", e);
            }
        }
    }

    private ChatResponse relay(EventStreamBridge bridge, BedrockStreamTranslator translator, ChunkSink sink)
            throws ProviderException, InterruptedException {
        while (true) {
            switch (bridge.next()) {
                case EventStreamBridge.Signal.Event event -> {
                    for (ObjectNode chunk : translator.translate(event.event())) {
                        sink.deliver(chunk);
                    }
                    bridge.requestNext();
                }
                case EventStreamBridge.Signal.Failed failed ->
                        throw BedrockErrors.classify(bridge.mostSpecificFailure(failed.cause()), endpoint.name());
                case EventStreamBridge.Signal.Ended ended -> {
                    if (translator.finished()) {
                        return sink.response();
                    }
                    throw new ProviderException(Kind.PROTOCOL, endpoint.name() + ": stream ended without messageStop");
                }
                case EventStreamBridge.Signal.Aborted aborted ->
                        throw new ProviderException(Kind.PROTOCOL, endpoint.name() + ": stream aborted");
            }
        }
    }

    @Override
    public void close() {
        connection.close();
        deadlines.close();
    }
}
