package dev.tiergate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import dev.tiergate.provider.ProviderKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Anthropic Messages API: {@code POST /v1/messages} answered with a {@code message} object or, with
 * {@code stream: true}, with the full SSE event sequence ({@code message_start}, {@code content_block_start},
 * {@code ping}, {@code content_block_delta} with {@code text_delta} / {@code input_json_delta},
 * {@code content_block_stop}, {@code message_delta}, {@code message_stop}). Errors use Anthropic's
 * {@code {"type":"error","error":{...}}} body, in-stream errors an {@code error} event.
 */
public final class LoopbackAnthropic extends LoopbackServer {
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public ProviderKind kind() {
        return ProviderKind.ANTHROPIC;
    }

    @Override
    protected Optional<Call> route(String method, String path, JsonNode body) {
        if (!method.equals("POST") || !path.equals("/v1/messages")) {
            return Optional.empty();
        }
        return Optional.of(new Call(body.path("stream").asBoolean(false), body.path("model").asText(""), body));
    }

    @Override
    protected byte[] completionBody(Reply reply, Call call) {
        ObjectNode message = message(reply, call);
        ArrayNode content = message.putArray("content");
        if (!reply.joinedText().isEmpty()) {
            content.addObject().put("type", "text").put("text", reply.joinedText());
        }
        for (Reply.ToolCall tool : reply.toolCalls()) {
            content.addObject().put("type", "tool_use").put("id", tool.id()).put("name", tool.name())
                    .set("input", parse(tool.arguments()));
        }
        message.put("stop_reason", stopReason(reply));
        message.putNull("stop_sequence");
        message.set("usage", usage(reply.usage(), reply.usage().outputTokens()));
        return Json.bytes(message);
    }

    @Override
    protected List<byte[]> streamEvents(Reply reply, Call call) {
        List<byte[]> events = new ArrayList<>();
        ObjectNode start = message(reply, call);
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        start.set("usage", usage(reply.usage(), 1));
        events.add(event("message_start", Json.object().put("type", "message_start").set("message", start)));
        int index = 0;
        if (!reply.pieces().isEmpty()) {
            events.add(blockStart(index, Json.object().put("type", "text").put("text", "")));
            events.add(event("ping", Json.object().put("type", "ping")));
            for (String piece : reply.pieces()) {
                events.add(blockDelta(index, Json.object().put("type", "text_delta").put("text", piece)));
            }
            events.add(blockStop(index++));
        }
        for (Reply.ToolCall tool : reply.toolCalls()) {
            ObjectNode block = Json.object().put("type", "tool_use").put("id", tool.id()).put("name", tool.name());
            block.putObject("input");
            events.add(blockStart(index, block));
            events.add(blockDelta(index, Json.object().put("type", "input_json_delta").put("partial_json", "")));
            for (String fragment : Reply.fragments(tool.arguments())) {
                events.add(blockDelta(index, Json.object().put("type", "input_json_delta").put("partial_json", fragment)));
            }
            events.add(blockStop(index++));
        }
        ObjectNode delta = Json.object().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", reply.usage().outputTokens());
        events.add(event("message_delta", delta));
        events.add(event("message_stop", Json.object().put("type", "message_stop")));
        return events;
    }

    @Override
    protected String streamContentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    protected byte[] streamErrorEvent(int status, String message) {
        return event("error", error(status, message));
    }

    @Override
    protected ErrorResponse errorResponse(int status, String message) {
        return new ErrorResponse("application/json", Json.bytes(error(status, message)),
                Map.of("request-id", "req_loopback_" + ids.incrementAndGet()));
    }

    private ObjectNode message(Reply reply, Call call) {
        return Json.object()
                .put("id", "msg_loopback_" + ids.incrementAndGet())
                .put("type", "message")
                .put("role", "assistant")
                .put("model", reply.model() != null ? reply.model() : call.model());
    }

    private static String stopReason(Reply reply) {
        return switch (reply.finishReasonOrDefault()) {
            case "length" -> "max_tokens";
            case "tool_calls" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Anthropic reports cache reads apart from {@code input_tokens}. */
    private static ObjectNode usage(Usage usage, long outputTokens) {
        return Json.object()
                .put("input_tokens", usage.inputTokens() - usage.cachedInputTokens())
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", usage.cachedInputTokens())
                .put("output_tokens", outputTokens);
    }

    private static ObjectNode error(int status, String message) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body;
    }

    private static byte[] blockStart(int index, ObjectNode block) {
        ObjectNode event = Json.object().put("type", "content_block_start").put("index", index);
        event.set("content_block", block);
        return event("content_block_start", event);
    }

    private static byte[] blockDelta(int index, ObjectNode delta) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return event("content_block_delta", event);
    }

    private static byte[] blockStop(int index) {
        return event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", index));
    }

    private static byte[] event(String name, JsonNode data) {
        return utf8("event: " + name + "\ndata: " + Json.text(data) + "\n\n");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("scripted tool arguments must be JSON: " + json, e);
        }
    }
}
