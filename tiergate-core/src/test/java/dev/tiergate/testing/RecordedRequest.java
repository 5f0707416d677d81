package dev.tiergate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A request a loopback upstream received.
 *
 * @param path    the decoded path ("/v1/chat/completions", "/model/my-model/converse")
 * @param headers lower-cased names
 * @param body    the parsed JSON body (a text node holding the raw body when it was not JSON)
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, JsonNode body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
