package dev.tiergate.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * An in-memory provider for dispatcher and pipeline tests: each call takes the next scripted step (an answer
 * or an exception); when the script is empty it answers with the default text. Records every request.
 */
public final class ScriptedProvider implements Provider {
    private final String model;
    private final ConcurrentLinkedDeque<Object> script = new ConcurrentLinkedDeque<>();
    private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile String defaultText = "ok";

    public ScriptedProvider(String model) {
        this.model = model;
    }

    public ScriptedProvider answer(String text) {
        script.add(text);
        return this;
    }

    /** The next stream delivers {@code chunks} words of {@code text} and then breaks with {@code error}. */
    public ScriptedProvider breakAfter(String text, int chunks, ProviderException error) {
        script.add(new Break(text, chunks, error));
        return this;
    }

    /** The next stream waits {@code pause} between words, checking for cancellation like a real provider. */
    public ScriptedProvider slowly(String text, java.time.Duration pause) {
        script.add(new Slow(text, pause));
        return this;
    }

    private record Break(String text, int chunks, ProviderException error) {}

    private record Slow(String text, java.time.Duration pause) {}

    /** Whether a stream of this provider saw its call cancelled. */
    public boolean sawCancellation() {
        return cancelled;
    }

    private volatile boolean cancelled;

    public ScriptedProvider fail(ProviderException e) {
        script.add(e);
        return this;
    }

    public ScriptedProvider defaultText(String text) {
        this.defaultText = text;
        return this;
    }

    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    public int calls() {
        return requests.size();
    }

    @Override
    public ChatResponse complete(ChatRequest request, CallContext context) throws ProviderException {
        requests.add(request);
        return response(next(), request);
    }

    @Override
    public ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener) throws ProviderException {
        requests.add(request);
        Object step = script.poll();
        if (step instanceof ProviderException e) {
            throw e;
        }
        String text = step instanceof Break b ? b.text() : step instanceof Slow s ? s.text() : step == null ? defaultText : (String) step;
        ChatResponse response = response(text, request);
        int delivered = 0;
        try {
            for (String word : text.split("(?<= )")) {
                if (step instanceof Break b && delivered == b.chunks()) {
                    throw b.error().asMidStream();
                }
                if (step instanceof Slow s) {
                    sleep(s.pause());
                    if (context.isCancelled()) {
                        cancelled = true;
                        throw new ProviderException(ProviderException.Kind.CANCELLED, "cancelled");
                    }
                }
                delivered++;
                ObjectNode chunk = Json.object();
                chunk.put("id", "chatcmpl-scripted");
                chunk.put("object", "chat.completion.chunk");
                chunk.put("model", model);
                chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", word);
                listener.onChunk(chunk);
            }
            ObjectNode last = Json.object();
            last.put("object", "chat.completion.chunk");
            last.put("model", model);
            last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
            listener.onChunk(last);
            ObjectNode usageChunk = Json.object();
            usageChunk.put("object", "chat.completion.chunk");
            usageChunk.put("model", model);
            usageChunk.putArray("choices");
            usageChunk.set("usage", response.body().get("usage").deepCopy());
            listener.onChunk(usageChunk);
        } catch (IOException e) {
            cancelled = true;
            throw new ProviderException(ProviderException.Kind.CANCELLED, "client went away", e);
        }
        return response;
    }

    private static void sleep(java.time.Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String next() throws ProviderException {
        Object step = script.poll();
        if (step instanceof ProviderException e) {
            throw e;
        }
        return step == null ? defaultText : (String) step;
    }

    private ChatResponse response(String text, ChatRequest request) {
        Usage usage = new Usage(Math.max(1, request.allText().length() / 4), 0, Math.max(1, text.length() / 4));
        ObjectNode body = Json.object();
        body.put("id", "chatcmpl-scripted");
        body.put("object", "chat.completion");
        body.put("created", 0);
        body.put("model", model);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        body.putObject("usage").put("prompt_tokens", usage.inputTokens()).put("completion_tokens", usage.outputTokens())
                .put("total_tokens", usage.totalTokens());
        return new ChatResponse(body, usage);
    }
}
