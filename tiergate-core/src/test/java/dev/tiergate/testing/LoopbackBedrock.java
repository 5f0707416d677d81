package dev.tiergate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.Usage;
import dev.tiergate.config.RetryPolicy;
import dev.tiergate.config.Secret;
import dev.tiergate.config.Timeouts;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pricing.Price;
import dev.tiergate.provider.ProviderKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * A fake Bedrock runtime: {@code POST /model/{modelId}/converse} answered with Converse JSON, and
 * {@code POST /model/{modelId}/converse-stream} with {@code application/vnd.amazon.eventstream} binary frames
 * ({@code messageStart}, {@code contentBlockStart} for tool use, {@code contentBlockDelta},
 * {@code contentBlockStop}, {@code messageStop}, {@code metadata}). Errors carry {@code x-amzn-ErrorType} and a
 * {@code {"message"}} body as AWS sends them; in-stream errors are {@code exception} frames. Signatures are not
 * checked. The recorded path holds the decoded model id.
 */
public final class LoopbackBedrock extends LoopbackServer {
    public static final Secret ACCESS_KEY_ID = new Secret("AKIDLOOPBACKEXAMPLE");
    public static final Secret SECRET_ACCESS_KEY = new Secret("loopback-secret-access-key");

    @Override
    public ProviderKind kind() {
        return ProviderKind.BEDROCK;
    }

    /** Bedrock endpoints authenticate with (fake) static AWS credentials rather than an API key. */
    @Override
    public ModelEndpoint endpoint(String name, String model, Timeouts timeouts) {
        return new ModelEndpoint(name, kind(), model, baseUrl(), Secret.NONE, "us-east-1", Price.FREE, timeouts,
                RetryPolicy.NONE, Map.of(), ACCESS_KEY_ID, SECRET_ACCESS_KEY, List.of());
    }

    @Override
    protected Optional<Call> route(String method, String path, JsonNode body) {
        if (!method.equals("POST") || !path.startsWith("/model/")) {
            return Optional.empty();
        }
        String rest = path.substring("/model/".length());
        if (rest.endsWith("/converse-stream")) {
            return Optional.of(new Call(true, rest.substring(0, rest.length() - "/converse-stream".length()), body));
        }
        if (rest.endsWith("/converse")) {
            return Optional.of(new Call(false, rest.substring(0, rest.length() - "/converse".length()), body));
        }
        return Optional.empty();
    }

    @Override
    protected byte[] completionBody(Reply reply, Call call) {
        ObjectNode body = Json.object();
        ObjectNode message = body.putObject("output").putObject("message").put("role", "assistant");
        ArrayNode content = message.putArray("content");
        if (!reply.joinedText().isEmpty()) {
            content.addObject().put("text", reply.joinedText());
        }
        for (Reply.ToolCall tool : reply.toolCalls()) {
            content.addObject().putObject("toolUse").put("toolUseId", tool.id()).put("name", tool.name())
                    .set("input", parse(tool.arguments()));
        }
        body.put("stopReason", stopReason(reply));
        body.set("usage", usage(reply.usage()));
        body.putObject("metrics").put("latencyMs", 42);
        return Json.bytes(body);
    }

    @Override
    protected List<byte[]> streamEvents(Reply reply, Call call) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(event("messageStart", Json.object().put("role", "assistant")));
        int index = 0;
        if (!reply.pieces().isEmpty()) {
            for (String piece : reply.pieces()) {
                ObjectNode delta = Json.object().put("contentBlockIndex", index);
                delta.putObject("delta").put("text", piece);
                frames.add(event("contentBlockDelta", delta));
            }
            frames.add(event("contentBlockStop", Json.object().put("contentBlockIndex", index++)));
        }
        for (Reply.ToolCall tool : reply.toolCalls()) {
            ObjectNode start = Json.object().put("contentBlockIndex", index);
            start.putObject("start").putObject("toolUse").put("toolUseId", tool.id()).put("name", tool.name());
            frames.add(event("contentBlockStart", start));
            for (String fragment : Reply.fragments(tool.arguments())) {
                ObjectNode delta = Json.object().put("contentBlockIndex", index);
                delta.putObject("delta").putObject("toolUse").put("input", fragment);
                frames.add(event("contentBlockDelta", delta));
            }
            frames.add(event("contentBlockStop", Json.object().put("contentBlockIndex", index++)));
        }
        frames.add(event("messageStop", Json.object().put("stopReason", stopReason(reply))));
        ObjectNode metadata = Json.object();
        metadata.set("usage", usage(reply.usage()));
        metadata.putObject("metrics").put("latencyMs", 42);
        frames.add(event("metadata", metadata));
        return frames;
    }

    @Override
    protected String streamContentType() {
        return "application/vnd.amazon.eventstream";
    }

    @Override
    protected byte[] streamErrorEvent(int status, String message) {
        String name = exceptionName(status);
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString(Character.toLowerCase(name.charAt(0)) + name.substring(1)));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return frame(new Message(headers, Json.bytes(Json.object().put("message", message))));
    }

    @Override
    protected ErrorResponse errorResponse(int status, String message) {
        return new ErrorResponse("application/json", Json.bytes(Json.object().put("message", message)),
                Map.of("x-amzn-ErrorType", exceptionName(status), "x-amzn-RequestId", UUID.randomUUID().toString()));
    }

    private static String exceptionName(int status) {
        return switch (status) {
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 408 -> "ModelTimeoutException";
            case 424 -> "ModelErrorException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> status >= 500 ? "InternalServerException" : "ValidationException";
        };
    }

    private static String stopReason(Reply reply) {
        return switch (reply.finishReasonOrDefault()) {
            case "length" -> "max_tokens";
            case "tool_calls" -> "tool_use";
            case "content_filter" -> "content_filtered";
            default -> "end_turn";
        };
    }

    /** Converse reports cache reads apart from {@code inputTokens}. */
    private static ObjectNode usage(Usage usage) {
        long uncached = usage.inputTokens() - usage.cachedInputTokens();
        return Json.object()
                .put("inputTokens", uncached)
                .put("outputTokens", usage.outputTokens())
                .put("totalTokens", usage.inputTokens() + usage.outputTokens())
                .put("cacheReadInputTokens", usage.cachedInputTokens())
                .put("cacheWriteInputTokens", 0);
    }

    private static byte[] event(String type, JsonNode payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return frame(new Message(headers, Json.bytes(payload)));
    }

    private static byte[] frame(Message message) {
        ByteBuffer buffer = message.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("scripted tool arguments must be JSON: " + json, e);
        }
    }
}
