package dev.tiergate.chat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is answering a stream: known only once an upstream has produced its first token.
 *
 * @param headers extra response headers to send with the stream (e.g. gate verdicts); they can only travel with
 *                the start of a stream, because an SSE response's headers go out before its first event
 */
public record StreamStart(String endpointName, String upstreamModel, int tierIndex, String tierName, Map<String, String> headers) {
    public StreamStart {
        headers = Map.copyOf(headers);
    }

    public StreamStart(String endpointName, String upstreamModel, int tierIndex, String tierName) {
        this(endpointName, upstreamModel, tierIndex, tierName, Map.of());
    }

    public StreamStart withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new StreamStart(endpointName, upstreamModel, tierIndex, tierName, merged);
    }
}
