package dev.tiergate.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** Providers with behaviour the shared ScriptedProvider does not have: logprobs, hanging, observing the client. */
final class TestProviders {
    private TestProviders() {}

    /** Adds token logprobs to another provider's answers, and counts the requests that asked for them. */
    static final class WithLogprobs implements Provider {
        private final Provider inner;
        private final double logprob;
        final AtomicInteger askedForLogprobs = new AtomicInteger();

        WithLogprobs(Provider inner, double logprob) {
            this.inner = inner;
            this.logprob = logprob;
        }

        @Override
        public ChatResponse complete(ChatRequest request, CallContext context) throws ProviderException {
            return add(request, inner.complete(request, context));
        }

        @Override
        public ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener) throws ProviderException {
            return add(request, inner.stream(request, context, listener));
        }

        private ChatResponse add(ChatRequest request, ChatResponse response) {
            if (request.body().path("logprobs").asBoolean(false)) {
                askedForLogprobs.incrementAndGet();
            }
            ObjectNode body = response.body().deepCopy();
            var content = ((ObjectNode) body.path("choices").path(0)).putObject("logprobs").putArray("content");
            content.addObject().put("token", "a").put("logprob", logprob);
            content.addObject().put("token", "b").put("logprob", logprob);
            return new ChatResponse(body, response.usage());
        }
    }

    /** Never answers: waits until its call is cancelled, like an upstream that stopped responding. */
    static final class Hanging implements Provider {
        @Override
        public ChatResponse complete(ChatRequest request, CallContext context) throws ProviderException {
            while (!context.isCancelled()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new ProviderException(ProviderException.Kind.CANCELLED, "cancelled");
        }

        @Override
        public ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener) throws ProviderException {
            return complete(request, context);
        }
    }

    /**
     * Streams through another provider and notes how many chunks the client had received after the first chunk was
     * sent: 1 when the stream goes straight through, 0 when it is held back for gates.
     */
    static final class Observing implements Provider {
        private final Provider inner;
        private final IntSupplier clientChunks;
        volatile int clientChunksAfterFirst = -1;

        Observing(Provider inner, IntSupplier clientChunks) {
            this.inner = inner;
            this.clientChunks = clientChunks;
        }

        @Override
        public ChatResponse complete(ChatRequest request, CallContext context) throws ProviderException {
            return inner.complete(request, context);
        }

        @Override
        public ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener) throws ProviderException {
            return inner.stream(request, context, new StreamListener() {
                @Override
                public void onStart(dev.tiergate.chat.StreamStart start) throws IOException {
                    listener.onStart(start);
                }

                @Override
                public void onChunk(ObjectNode chunk) throws IOException {
                    listener.onChunk(chunk);
                    if (clientChunksAfterFirst < 0) {
                        clientChunksAfterFirst = clientChunks.getAsInt();
                    }
                }
            });
        }
    }
}
