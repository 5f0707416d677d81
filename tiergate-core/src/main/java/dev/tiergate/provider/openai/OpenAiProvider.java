package dev.tiergate.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import dev.tiergate.provider.http.ErrorMessages;
import dev.tiergate.provider.http.HttpTransport;
import dev.tiergate.provider.http.JsonBodies;
import dev.tiergate.provider.http.SseEvent;
import dev.tiergate.provider.http.SseReader;
import dev.tiergate.provider.http.UpstreamResponse;
import dev.tiergate.provider.support.CallGuard;
import dev.tiergate.provider.support.Deadlines;
import dev.tiergate.provider.support.ChatCompletions;
import dev.tiergate.provider.support.ChunkSink;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Any OpenAI-compatible chat-completions server: OpenAI itself, vLLM, Ollama, llama.cpp, Together, Groq...
 *
 * <p>The request body passes through untouched, unknown fields included, except that {@code model} becomes the
 * endpoint's upstream model and the {@code stream} flag follows the method called. Answers also pass through as
 * the upstream sent them (its {@code model} included); only missing usage fields are filled in.
 *
 * <p>Usage when streaming: {@code stream_options.include_usage=true} is always sent upstream, because cost
 * accounting needs the numbers whether or not the client asked for them. Every chunk is forwarded to the listener,
 * including the final usage chunk (empty {@code choices}); the server decides whether its client, which may not
 * have asked for {@code include_usage}, gets to see it ({@link ChatRequest#includeUsage()}).
 */
public final class OpenAiProvider implements Provider {
    private static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

    private final ModelEndpoint endpoint;
    private final Deadlines deadlines;
    private final URI completionsUri;
    private final HttpTransport transport;

    public OpenAiProvider(ModelEndpoint endpoint) {
        this.endpoint = endpoint;
        this.deadlines = new Deadlines(endpoint.name());
        String base = (endpoint.baseUrl() == null ? DEFAULT_BASE_URL : endpoint.baseUrl()).toString();
        this.completionsUri = URI.create(base.replaceAll("/+$", "") + "/chat/completions");
        this.transport = new HttpTransport(endpoint);
    }

    @Override
    public ChatResponse complete(ChatRequest request, CallContext context) throws ProviderException {
        try (CallGuard guard = CallGuard.start(endpoint, context, deadlines)) {
            byte[] body = transport.exchange(completionsUri, headers("application/json"),
                    Json.bytes(upstreamBody(request, false)), guard);
            try {
                return parseCompletion(body);
            } catch (ProviderException e) {
                throw guard.failure(e, false);
            }
        }
    }

    @Override
    public ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener) throws ProviderException {
        try (CallGuard guard = CallGuard.start(endpoint, context, deadlines);
                UpstreamResponse response = transport.openStream(completionsUri, headers("text/event-stream"),
                        Json.bytes(upstreamBody(request, true)), guard)) {
            ChunkSink sink = new ChunkSink(listener, guard);
            try {
                return relay(new SseReader(response.body()), sink);
            } catch (ProviderException e) {
                throw guard.failure(e, sink.started());
            }
        }
    }

    ObjectNode upstreamBody(ChatRequest request, boolean stream) {
        ObjectNode body = request.body().deepCopy();
        body.put("model", endpoint.model());
        if (stream) {
            body.put("stream", true);
            JsonNode options = body.get("stream_options");
            ObjectNode streamOptions = options instanceof ObjectNode object ? object : body.putObject("stream_options");
            streamOptions.put("include_usage", true);
        } else {
            // OpenAI rejects stream_options without stream
            body.remove("stream");
            body.remove("stream_options");
        }
        return body;
    }

    private Map<String, String> headers(String accept) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", accept);
        if (endpoint.apiKey().isPresent()) {
            headers.put("authorization", "Bearer " + endpoint.apiKey().value());
        }
        headers.putAll(endpoint.headers());
        return headers;
    }

    private ChatResponse relay(SseReader reader, ChunkSink sink) throws ProviderException {
        try {
            SseEvent event;
            while ((event = reader.next()) != null) {
                String data = event.data().strip();
                if (data.equals("[DONE]")) {
                    return sink.response();
                }
                if (data.isEmpty()) {
                    continue;
                }
                ObjectNode chunk = JsonBodies.object(data, endpoint.name(), "stream chunk");
                if (chunk.has("error") && !chunk.has("choices")) {
                    throw streamError(chunk);
                }
                sink.deliver(chunk);
            }
        } catch (IOException e) {
            throw new ProviderException(Kind.PROTOCOL, endpoint.name() + ": stream broke: " + e.getMessage(), e);
        }
        throw new ProviderException(Kind.PROTOCOL, endpoint.name() + ": stream ended without [DONE]");
    }

    /** Some servers report failures inside the stream as {@code data: {"error": {...}}}. */
    private ProviderException streamError(JsonNode chunk) {
        int code = chunk.path("error").path("code").asInt(0);
        int status = code >= 400 && code < 600 ? code : 500;
        String message = ErrorMessages.redact(ErrorMessages.fromJson(chunk), endpoint.apiKey());
        return ProviderException.http(status, endpoint.name() + ": error in stream: " + message, null);
    }

    private ChatResponse parseCompletion(byte[] bytes) throws ProviderException {
        ObjectNode body = JsonBodies.object(bytes, endpoint.name(), "response");
        if (!body.path("choices").isArray()) {
            String message = ErrorMessages.redact(ErrorMessages.fromJson(body), endpoint.apiKey());
            throw new ProviderException(Kind.PROTOCOL, endpoint.name() + ": response has no choices"
                    + (message.isEmpty() ? "" : ": " + message));
        }
        // tolerate minimal OpenAI-compatible servers: callers rely on these fields being present
        if (!body.hasNonNull("id")) {
            body.put("id", ChatCompletions.newId());
        }
        if (!body.hasNonNull("created")) {
            body.put("created", ChatCompletions.nowSeconds());
        }
        if (!body.hasNonNull("model")) {
            body.put("model", endpoint.model());
        }
        body.put("object", "chat.completion");
        Usage usage = ChatCompletions.readUsage(body.get("usage"));
        ChatCompletions.completeUsage(body, usage);
        return new ChatResponse(body, usage);
    }

    @Override
    public void close() {
        transport.close();
        deadlines.close();
    }
}
