package dev.tiergate.provider.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events (the WHATWG event-stream format) from a response body: {@code event:} and
 * {@code data:} fields, multi-line data joined with newlines, comment lines (keep-alives such as
 * {@code : ping}) skipped. Not thread-safe; one reader per response.
 */
public final class SseReader {
    private final BufferedReader lines;

    public SseReader(InputStream body) {
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /**
     * The next event, or null at the end of the stream. An event cut off by the end of the stream is still
     * returned: whether it is complete is for the caller's parser to decide (a truncated JSON fails to parse),
     * and some servers omit the blank line after their last event.
     */
    public SseEvent next() throws IOException {
        String event = "";
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event, data.toString());
                }
                event = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                default -> {
                    // id and retry are for browsers reconnecting; an upstream call is never resumed
                }
            }
        }
        return data == null ? null : new SseEvent(event, data.toString());
    }
}
