package dev.tiergate.provider;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamListener;

/**
 * One configured upstream model behind its wire protocol. Calls block; the gateway runs each request on a
 * virtual thread, so blocking is cheap and cancellation is explicit through {@link CallContext}.
 * Implementations translate from and to OpenAI's shape and must report usage.
 */
public interface Provider extends AutoCloseable {

    ChatResponse complete(ChatRequest request, CallContext context) throws ProviderException;

    /**
     * Streams the answer to {@code listener} as OpenAI chunks and returns the assembled answer (text, tool calls,
     * finish reason, usage) once the stream has ended. A failure after the first chunk was delivered is thrown
     * as a {@link ProviderException} with {@link ProviderException#midStream()} set.
     */
    ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener) throws ProviderException;

    @Override
    default void close() {}
}
