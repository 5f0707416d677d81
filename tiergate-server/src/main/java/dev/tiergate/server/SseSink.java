package dev.tiergate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.chat.StreamStart;
import dev.tiergate.json.Json;
import dev.tiergate.pipeline.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes OpenAI server-sent events to the client. Headers go out with the first chunk, once the answering model
 * is known; until then a failure can still become a plain JSON error with a proper status. Usage-only chunks
 * are dropped unless the client asked for {@code stream_options.include_usage}.
 */
final class SseSink implements StreamListener {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerResponse res;
    private final boolean includeUsage;
    private final Map<String, String> baseHeaders;
    private OutputStream out;

    SseSink(ServerResponse res, boolean includeUsage, Map<String, String> baseHeaders) {
        this.res = res;
        this.includeUsage = includeUsage;
        this.baseHeaders = baseHeaders;
    }

    boolean started() {
        return out != null;
    }

    @Override
    public void onStart(StreamStart start) throws IOException {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        baseHeaders.forEach((name, value) -> res.header(HeaderNames.create(name), value));
        res.header(HeaderNames.create(ResponseHeaders.TIER), start.tierName());
        res.header(HeaderNames.create(ResponseHeaders.MODEL), start.endpointName());
        start.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
        try {
            out = res.outputStream();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void onChunk(ObjectNode chunk) throws IOException {
        JsonNode choices = chunk.get("choices");
        boolean usageOnly = choices != null && choices.isArray() && choices.isEmpty() && chunk.hasNonNull("usage");
        if (!includeUsage) {
            if (usageOnly) {
                return;
            }
            chunk.remove("usage");
        }
        write(chunk);
    }

    void finish() throws IOException {
        out.write(DONE);
        out.flush();
        out.close();
    }

    /** A stream that broke after it began ends with an error event and no [DONE], so no client mistakes it for complete. */
    void fail(GatewayException e) {
        try {
            write(ErrorBodies.of(e));
            out.close();
        } catch (IOException | UncheckedIOException ignored) {
            // the client is gone already; nothing left to tell it
        }
    }

    private void write(JsonNode event) throws IOException {
        try {
            out.write("data: ".getBytes(StandardCharsets.US_ASCII));
            out.write(Json.bytes(event));
            out.write('\n');
            out.write('\n');
            out.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            // Helidon reports a closed connection with its own unchecked types; to providers it is "client gone"
            throw new IOException("client connection closed", e);
        }
    }
}
