package dev.tiergate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.StreamListener;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A stream listener for tests: records every chunk, can run an action on each one (cancel a context...) and can
 * simulate a client that goes away by throwing {@link IOException} at a given chunk.
 */
public final class RecordingListener implements StreamListener {
    private final List<ObjectNode> chunks = new CopyOnWriteArrayList<>();
    private final int failAtChunk;
    private final Consumer<ObjectNode> onEach;

    private RecordingListener(int failAtChunk, Consumer<ObjectNode> onEach) {
        this.failAtChunk = failAtChunk;
        this.onEach = onEach;
    }

    public static RecordingListener recording() {
        return new RecordingListener(-1, chunk -> {});
    }

    /** Throws IOException on chunk number {@code chunk} (1-based), as a server does when its client disconnected. */
    public static RecordingListener failingAt(int chunk) {
        return new RecordingListener(chunk, c -> {});
    }

    /** Runs {@code action} after recording each chunk. */
    public static RecordingListener onEachChunk(Consumer<ObjectNode> action) {
        return new RecordingListener(-1, action);
    }

    @Override
    public void onChunk(ObjectNode chunk) throws IOException {
        chunks.add(chunk);
        if (chunks.size() == failAtChunk) {
            throw new IOException("client went away (scripted)");
        }
        onEach.accept(chunk);
    }

    public List<ObjectNode> chunks() {
        return List.copyOf(chunks);
    }

    /** The concatenated {@code delta.content} of choice 0. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ObjectNode chunk : chunks) {
            JsonNode content = chunk.path("choices").path(0).path("delta").get("content");
            if (content != null && content.isTextual()) {
                text.append(content.asText());
            }
        }
        return text.toString();
    }
}
