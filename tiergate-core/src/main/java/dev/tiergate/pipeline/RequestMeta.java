package dev.tiergate.pipeline;

import java.time.Instant;
import java.util.Map;

/**
 * Facts about a request that are not in its body.
 *
 * @param keyId   id of the gateway key used (never the key itself), or "anonymous"
 * @param headers request headers, lower-cased names, credentials removed
 */
public record RequestMeta(String requestId, String keyId, Instant receivedAt, Map<String, String> headers) {
    public RequestMeta {
        headers = Map.copyOf(headers);
    }
}
