package dev.tiergate.eval.judged;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamListener;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderException;
import java.time.Duration;
import java.util.function.Function;

/**
 * An in-memory provider whose answer is a function of the request's last user message, so it answers the same
 * whatever order concurrent calls arrive in. Token counts follow the text lengths (4 characters a token). An
 * optional delay, checked for cancellation like a real provider, keeps calls in flight long enough to interrupt.
 */
final class KeyedProvider implements Provider {
    private final String model;
    private final Function<String, String> answer;
    private final Duration delay;

    KeyedProvider(String model, Function<String, String> answer, Duration delay) {
        this.model = model;
        this.answer = answer;
        this.delay = delay;
    }

    @Override
    public ChatResponse complete(ChatRequest request, CallContext context) throws ProviderException {
        long until = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < until) {
            if (context.isCancelled()) {
                throw new ProviderException(ProviderException.Kind.CANCELLED, "cancelled");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(ProviderException.Kind.CANCELLED, "interrupted");
            }
        }
        String prompt = request.lastUserText();
        String text = answer.apply(prompt);
        Usage usage = new Usage(1 + prompt.length() / 4, 0, 1 + text.length() / 4);
        ObjectNode body = Json.object().put("id", "chatcmpl-keyed").put("object", "chat.completion").put("model", model);
        body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", text);
        return new ChatResponse(body, usage);
    }

    @Override
    public ChatResponse stream(ChatRequest request, CallContext context, StreamListener listener) throws ProviderException {
        throw new ProviderException(ProviderException.Kind.CLIENT_ERROR, 400, "the eval never streams", null, false, null);
    }
}
