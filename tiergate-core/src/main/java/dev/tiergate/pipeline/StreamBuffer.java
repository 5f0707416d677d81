package dev.tiergate.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.chat.StreamStart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Holds back one streamed attempt whose answer must pass gates before the client may see it. Nothing reaches the
 * client until {@link #replay}: a rejected attempt is simply dropped, and because no byte was sent the request
 * can still climb a tier, or fail with a proper HTTP status.
 */
final class StreamBuffer implements StreamListener {
    private final List<ObjectNode> chunks = new ArrayList<>();
    private StreamStart start;

    @Override
    public synchronized void onStart(StreamStart streamStart) {
        this.start = streamStart;
    }

    @Override
    public synchronized void onChunk(ObjectNode chunk) {
        chunks.add(chunk.deepCopy());
    }

    /**
     * Sends the held-back answer to the client as if it were streaming now.
     *
     * @param fallback what to announce when the upstream sent no chunk at all (so the client still gets headers)
     * @param headers  extra headers to send with the start, e.g. the gates' verdict
     * @param rewrite  applied to each chunk on the way out (e.g. to drop logprobs the client did not ask for)
     */
    synchronized void replay(StreamListener sink, StreamStart fallback, Map<String, String> headers,
                             UnaryOperator<ObjectNode> rewrite) throws IOException {
        sink.onStart((start != null ? start : fallback).withHeaders(headers));
        for (ObjectNode chunk : chunks) {
            sink.onChunk(rewrite.apply(chunk));
        }
    }

    synchronized int size() {
        return chunks.size();
    }
}
