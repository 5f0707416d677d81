package dev.tiergate.testing;

import dev.tiergate.chat.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scripted answer of a loopback upstream, provider-neutral: each loopback renders it in its own wire format.
 * Start from {@link #text}, {@link #toolCall}, {@link #error} or {@link #raw} and refine with the {@code with*},
 * {@code delay*} and break methods, e.g.
 * {@code Reply.text("Hel", "lo").withUsage(20, 5, 2).delayChunks(Duration.ofMillis(50)).breakAfter(3)}.
 *
 * @param pieces       the answer's text, one element per streamed delta (joined when not streaming)
 * @param toolCalls    tool calls, after the text
 * @param usage        tokens to report; {@code inputTokens} includes {@code cachedInputTokens} as in OpenAI
 * @param finishReason OpenAI finish reason to report (translated per provider); null derives it from the content
 * @param model        model to report; null echoes the requested one
 * @param status       HTTP status: 200, or the error status of an {@link #error} reply
 * @param errorMessage the message of an error reply, rendered in the provider's error format
 * @param raw          a literal body sent instead of any rendering, for malformed-response tests
 * @param headers      extra response headers (Retry-After...)
 * @param delays       pauses before headers, before the first event (or body) and between events
 * @param streamBreak  how the answer is cut short, or null for a complete answer
 */
public record Reply(
        List<String> pieces,
        List<ToolCall> toolCalls,
        Usage usage,
        String finishReason,
        String model,
        int status,
        String errorMessage,
        RawBody raw,
        Map<String, String> headers,
        Delays delays,
        StreamBreak streamBreak) {

    public static final Usage DEFAULT_USAGE = new Usage(10, 0, 5);

    /** A tool call; {@code arguments} is the JSON text of the arguments. */
    public record ToolCall(String id, String name, String arguments) {}

    public record RawBody(String contentType, String body) {}

    public record Delays(Duration beforeHeaders, Duration beforeFirstEvent, Duration betweenEvents) {
        public static final Delays NONE = new Delays(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * Cuts an answer short after {@code afterEvents} wire events (SSE events or eventstream frames, the protocol's
     * own opening events included). Without streaming, any break sends half of the JSON body and drops the
     * connection.
     */
    public record StreamBreak(int afterEvents, How how, int status, String message) {
        public enum How {
            /** Drop the connection without finishing the HTTP response: the client sees an I/O error. */
            ABORT,
            /** Finish the HTTP response cleanly but without the protocol's terminal event. */
            END,
            /** Send the protocol's in-stream error event (with status and message), then end. */
            ERROR_EVENT
        }
    }

    public Reply {
        pieces = List.copyOf(pieces);
        toolCalls = List.copyOf(toolCalls);
        headers = Map.copyOf(headers);
    }

    public static Reply text(String... pieces) {
        return new Reply(List.of(pieces), List.of(), DEFAULT_USAGE, null, null, 200, null, null, Map.of(), Delays.NONE, null);
    }

    public static Reply toolCall(String name, String arguments) {
        return text(new String[0]).withToolCall(name, arguments);
    }

    public static Reply error(int status, String message) {
        return new Reply(List.of(), List.of(), DEFAULT_USAGE, null, null, status, message, null, Map.of(), Delays.NONE, null);
    }

    /** A literal body, sent as is with the given status and content type. */
    public static Reply raw(int status, String contentType, String body) {
        return new Reply(List.of(), List.of(), DEFAULT_USAGE, null, null, status, null, new RawBody(contentType, body),
                Map.of(), Delays.NONE, null);
    }

    public boolean isError() {
        return status >= 400;
    }

    public String joinedText() {
        return String.join("", pieces);
    }

    public String finishReasonOrDefault() {
        return finishReason != null ? finishReason : toolCalls.isEmpty() ? "stop" : "tool_calls";
    }

    public Reply withToolCall(String name, String arguments) {
        List<ToolCall> calls = new ArrayList<>(toolCalls);
        calls.add(new ToolCall("call_" + (calls.size() + 1) + "_" + name, name, arguments));
        return new Reply(pieces, calls, usage, finishReason, model, status, errorMessage, raw, headers, delays, streamBreak);
    }

    public Reply withUsage(long inputTokens, long cachedInputTokens, long outputTokens) {
        return new Reply(pieces, toolCalls, new Usage(inputTokens, cachedInputTokens, outputTokens), finishReason, model,
                status, errorMessage, raw, headers, delays, streamBreak);
    }

    public Reply withFinishReason(String reason) {
        return new Reply(pieces, toolCalls, usage, reason, model, status, errorMessage, raw, headers, delays, streamBreak);
    }

    public Reply withModel(String reportedModel) {
        return new Reply(pieces, toolCalls, usage, finishReason, reportedModel, status, errorMessage, raw, headers, delays,
                streamBreak);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(pieces, toolCalls, usage, finishReason, model, status, errorMessage, raw, more, delays, streamBreak);
    }

    public Reply withRetryAfter(String value) {
        return withHeader("Retry-After", value);
    }

    public Reply delayHeaders(Duration delay) {
        return withDelays(new Delays(delay, delays.beforeFirstEvent(), delays.betweenEvents()));
    }

    /** A pause after the headers: before the first streamed event, or before the body when not streaming. */
    public Reply delayFirstToken(Duration delay) {
        return withDelays(new Delays(delays.beforeHeaders(), delay, delays.betweenEvents()));
    }

    public Reply delayChunks(Duration delay) {
        return withDelays(new Delays(delays.beforeHeaders(), delays.beforeFirstEvent(), delay));
    }

    /** Drops the connection after {@code events} wire events, without the terminal marker. */
    public Reply breakAfter(int events) {
        return withBreak(new StreamBreak(events, StreamBreak.How.ABORT, 0, null));
    }

    /** Ends the response cleanly after {@code events} wire events, without the terminal marker. */
    public Reply endAfter(int events) {
        return withBreak(new StreamBreak(events, StreamBreak.How.END, 0, null));
    }

    /** Sends the protocol's in-stream error event after {@code events} wire events. */
    public Reply failAfter(int events, int errorStatus, String message) {
        return withBreak(new StreamBreak(events, StreamBreak.How.ERROR_EVENT, errorStatus, message));
    }

    private Reply withDelays(Delays newDelays) {
        return new Reply(pieces, toolCalls, usage, finishReason, model, status, errorMessage, raw, headers, newDelays, streamBreak);
    }

    private Reply withBreak(StreamBreak newBreak) {
        return new Reply(pieces, toolCalls, usage, finishReason, model, status, errorMessage, raw, headers, delays, newBreak);
    }

    /** Splits a tool call's arguments in two, so that loopbacks stream them in fragments like real upstreams. */
    public static List<String> fragments(String arguments) {
        if (arguments.length() < 2) {
            return List.of(arguments);
        }
        int middle = arguments.length() / 2;
        return List.of(arguments.substring(0, middle), arguments.substring(middle));
    }
}
