package dev.tiergate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import dev.tiergate.provider.ProviderKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenAI chat-completions server: {@code POST /v1/chat/completions} answered with a {@code chat.completion}
 * object or, with {@code stream: true}, with {@code chat.completion.chunk} SSE events ending in
 * {@code data: [DONE]}. Like OpenAI, it sends the trailing usage chunk only when the request asked for
 * {@code stream_options.include_usage}. Errors use OpenAI's {@code {"error": {...}}} body.
 */
public final class LoopbackOpenAi extends LoopbackServer {
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public ProviderKind kind() {
        return ProviderKind.OPENAI;
    }

    /** Includes {@code /v1}, as OpenAI base URLs do. */
    @Override
    public URI baseUrl() {
        return URI.create(super.baseUrl() + "/v1");
    }

    @Override
    protected Optional<Call> route(String method, String path, JsonNode body) {
        if (!method.equals("POST") || !path.equals("/v1/chat/completions")) {
            return Optional.empty();
        }
        return Optional.of(new Call(body.path("stream").asBoolean(false), body.path("model").asText(""), body));
    }

    @Override
    protected byte[] completionBody(Reply reply, Call call) {
        ObjectNode body = header(reply, call, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (reply.toolCalls().isEmpty() || !reply.joinedText().isEmpty()) {
            message.put("content", reply.joinedText());
        } else {
            message.putNull("content");
        }
        message.putNull("refusal");
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (Reply.ToolCall tool : reply.toolCalls()) {
                ObjectNode json = calls.addObject().put("id", tool.id()).put("type", "function");
                json.putObject("function").put("name", tool.name()).put("arguments", tool.arguments());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.finishReasonOrDefault());
        body.set("usage", usage(reply.usage()));
        return Json.bytes(body);
    }

    @Override
    protected List<byte[]> streamEvents(Reply reply, Call call) {
        String id = "chatcmpl-loopback-" + ids.incrementAndGet();
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(reply, call, id, Json.object().put("role", "assistant").put("content", ""), null));
        for (String piece : reply.pieces()) {
            chunks.add(chunk(reply, call, id, Json.object().put("content", piece), null));
        }
        for (int i = 0; i < reply.toolCalls().size(); i++) {
            Reply.ToolCall tool = reply.toolCalls().get(i);
            ObjectNode opening = Json.object().put("index", i).put("id", tool.id()).put("type", "function");
            opening.putObject("function").put("name", tool.name()).put("arguments", "");
            chunks.add(chunk(reply, call, id, toolDelta(opening), null));
            for (String fragment : Reply.fragments(tool.arguments())) {
                ObjectNode more = Json.object().put("index", i);
                more.putObject("function").put("arguments", fragment);
                chunks.add(chunk(reply, call, id, toolDelta(more), null));
            }
        }
        chunks.add(chunk(reply, call, id, Json.object(), reply.finishReasonOrDefault()));
        if (call.body().path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usageChunk = header(reply, call, "chat.completion.chunk").put("id", id);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(reply.usage()));
            chunks.add(usageChunk);
        }
        List<byte[]> events = new ArrayList<>();
        chunks.forEach(chunk -> events.add(utf8("data: " + Json.text(chunk) + "\n\n")));
        events.add(utf8("data: [DONE]\n\n"));
        return events;
    }

    @Override
    protected String streamContentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    protected byte[] streamErrorEvent(int status, String message) {
        return utf8("data: " + Json.text(error(status, message)) + "\n\n");
    }

    @Override
    protected ErrorResponse errorResponse(int status, String message) {
        return new ErrorResponse("application/json", Json.bytes(error(status, message)), Map.of());
    }

    private static ObjectNode error(int status, String message) {
        ObjectNode body = Json.object();
        body.putObject("error")
                .put("message", message)
                .put("type", status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error")
                .putNull("param")
                .put("code", String.valueOf(status));
        return body;
    }

    private ObjectNode header(Reply reply, Call call, String object) {
        return Json.object()
                .put("id", "chatcmpl-loopback-" + ids.incrementAndGet())
                .put("object", object)
                .put("created", 1_700_000_000L)
                .put("model", reply.model() != null ? reply.model() : call.model())
                .put("system_fingerprint", "fp_loopback");
    }

    private ObjectNode chunk(Reply reply, Call call, String id, ObjectNode delta, String finishReason) {
        ObjectNode chunk = header(reply, call, "chat.completion.chunk").put("id", id);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static ObjectNode toolDelta(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private static ObjectNode usage(Usage usage) {
        ObjectNode json = Json.object()
                .put("prompt_tokens", usage.inputTokens())
                .put("completion_tokens", usage.outputTokens())
                .put("total_tokens", usage.totalTokens());
        json.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens()).put("audio_tokens", 0);
        json.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0);
        return json;
    }
}
