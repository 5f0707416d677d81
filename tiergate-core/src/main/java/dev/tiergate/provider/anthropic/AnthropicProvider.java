package dev.tiergate.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamListener;
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
import dev.tiergate.provider.support.ChunkSink;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}), translated from and to OpenAI's shape by
 * {@link AnthropicRequestTranslator}, {@link AnthropicResponses} and {@link AnthropicStreamTranslator}.
 */
public final class AnthropicProvider implements Provider {
    private static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");
    static final String API_VERSION = "2023-06-01";

    private final ModelEndpoint endpoint;
    private final Deadlines deadlines;
    private final URI messagesUri;
    private final HttpTransport transport;

    public AnthropicProvider(ModelEndpoint endpoint) {
        this.endpoint = endpoint;
        this.deadlines = new Deadlines(endpoint.name());
        this.messagesUri = messagesUri(endpoint.baseUrl() == null ? DEFAULT_BASE_URL : endpoint.baseUrl());
        this.transport = new HttpTransport(endpoint);
    }

    /** Accepts a base URL with or without the {@code /v1} suffix, since both forms circulate in configs. */
    static URI messagesUri(URI baseUrl) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages");
    }

    @Override
    public ChatResponse complete(ChatRequest request, CallContext context) throws ProviderException {
        AnthropicRequestTranslator.Translation translation =
                AnthropicRequestTranslator.translate(request, endpoint.model(), false);
        try (CallGuard guard = CallGuard.start(endpoint, context, deadlines)) {
            byte[] body = transport.exchange(messagesUri, headers("application/json"), Json.bytes(translation.body()), guard);
            try {
                return parseMessage(body, translation.jsonViaTool());
            } catch (ProviderException e) {
                throw guard.failure(e, false);
            }
        }
    }

    @Override
    public ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener) throws ProviderException {
        AnthropicRequestTranslator.Translation translation =
                AnthropicRequestTranslator.translate(request, endpoint.model(), true);
        try (CallGuard guard = CallGuard.start(endpoint, context, deadlines);
                UpstreamResponse response = transport.openStream(messagesUri, headers("text/event-stream"),
                        Json.bytes(translation.body()), guard)) {
            ChunkSink sink = new ChunkSink(listener, guard);
            AnthropicStreamTranslator translator = new AnthropicStreamTranslator(translation.jsonViaTool(), endpoint.name());
            try {
                return relay(new SseReader(response.body()), translator, sink);
            } catch (ProviderException e) {
                throw guard.failure(e, sink.started());
            }
        }
    }

    private ChatResponse relay(SseReader reader, AnthropicStreamTranslator translator, ChunkSink sink)
            throws ProviderException {
        try {
            SseEvent event;
            while ((event = reader.next()) != null) {
                ObjectNode data = JsonBodies.object(event.data(), endpoint.name(), "stream event");
                if (!data.has("type") && !event.event().isEmpty()) {
                    data.put("type", event.event());
                }
                for (ObjectNode chunk : translator.translate(data)) {
                    sink.deliver(chunk);
                }
                if (translator.finished()) {
                    return sink.response();
                }
            }
        } catch (IOException e) {
            throw new ProviderException(Kind.PROTOCOL, endpoint.name() + ": stream broke: " + e.getMessage(), e);
        }
        throw new ProviderException(Kind.PROTOCOL, endpoint.name() + ": stream ended without message_stop");
    }

    private Map<String, String> headers(String accept) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", accept);
        headers.put("anthropic-version", API_VERSION);
        if (endpoint.apiKey().isPresent()) {
            headers.put("x-api-key", endpoint.apiKey().value());
        }
        headers.putAll(endpoint.headers());
        return headers;
    }

    private ChatResponse parseMessage(byte[] bytes, boolean jsonViaTool) throws ProviderException {
        ObjectNode message = JsonBodies.object(bytes, endpoint.name(), "response");
        if ("error".equals(message.path("type").asText())) {
            JsonNode error = message.path("error");
            throw ProviderException.http(AnthropicResponses.statusOf(error.path("type").asText()),
                    endpoint.name() + ": " + ErrorMessages.redact(error.path("message").asText("error"), endpoint.apiKey()), null);
        }
        if (!message.path("content").isArray()) {
            throw new ProviderException(Kind.PROTOCOL, endpoint.name() + ": response is not an Anthropic message");
        }
        return AnthropicResponses.completion(message, jsonViaTool);
    }

    @Override
    public void close() {
        transport.close();
        deadlines.close();
    }
}
