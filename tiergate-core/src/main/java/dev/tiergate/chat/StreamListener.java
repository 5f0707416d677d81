package dev.tiergate.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Receives a streamed answer as OpenAI {@code chat.completion.chunk} objects, already translated from the
 * provider's own event format. An {@link IOException} means the client went away: the provider must stop
 * reading and cancel the upstream call.
 */
public interface StreamListener {

    /** Called once, just before the first chunk, with the model that is answering. */
    default void onStart(StreamStart start) throws IOException {}

    void onChunk(ObjectNode chunk) throws IOException;
}
