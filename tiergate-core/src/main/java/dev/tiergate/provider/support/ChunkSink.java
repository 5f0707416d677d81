package dev.tiergate.provider.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.provider.ProviderException;
import java.io.IOException;

/**
 * Where a provider puts the OpenAI chunks it translated: each one is recorded for the assembled answer and then
 * handed to the client's listener. A listener failure means our client went away, so the upstream call is aborted
 * at once rather than left to generate tokens nobody will read (or pay for).
 */
public final class ChunkSink {
    private final StreamListener listener;
    private final CallGuard guard;
    private final StreamAssembler assembler = new StreamAssembler();
    private int delivered;

    public ChunkSink(StreamListener listener, CallGuard guard) {
        this.listener = listener;
        this.guard = guard;
    }

    public void deliver(ObjectNode chunk) throws ProviderException {
        guard.firstTokenArrived();
        assembler.accept(chunk);
        delivered++; // counted before the call: a listener that fails half way may already have written to its client
        try {
            listener.onChunk(chunk);
        } catch (IOException e) {
            guard.cancel();
            throw new ProviderException(ProviderException.Kind.CANCELLED,
                    guard.endpointName() + ": client went away while streaming", e);
        }
    }

    /** Whether the client has seen part of the answer: from then on a failure cannot be retried transparently. */
    public boolean started() {
        return delivered > 0;
    }

    public ChatResponse response() {
        return assembler.response();
    }
}
