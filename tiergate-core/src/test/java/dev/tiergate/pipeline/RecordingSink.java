package dev.tiergate.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.chat.StreamStart;
import java.util.ArrayList;
import java.util.List;

/** Stands in for the server's SSE writer: records what the client would have received. */
final class RecordingSink implements StreamListener {
    final List<StreamStart> starts = new ArrayList<>();
    final List<ObjectNode> chunks = new ArrayList<>();

    @Override
    public synchronized void onStart(StreamStart start) {
        starts.add(start);
    }

    @Override
    public synchronized void onChunk(ObjectNode chunk) {
        chunks.add(chunk);
    }

    synchronized int chunkCount() {
        return chunks.size();
    }

    synchronized String text() {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.path("choices").path(0).path("delta").path("content").asText("")));
        return text.toString();
    }
}
