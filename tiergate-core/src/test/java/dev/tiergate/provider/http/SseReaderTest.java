package dev.tiergate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static SseReader reader(String text) {
        return new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsNamedAndUnnamedEventsAndSkipsComments() throws IOException {
        SseReader reader = reader(": keep-alive\n\nevent: message_start\ndata: {\"a\":1}\n\ndata:{\"b\":2}\r\n\r\ndata: [DONE]\n\n");

        assertThat(reader.next()).isEqualTo(new SseEvent("message_start", "{\"a\":1}"));
        assertThat(reader.next()).isEqualTo(new SseEvent("", "{\"b\":2}"));
        assertThat(reader.next()).isEqualTo(new SseEvent("", "[DONE]"));
        assertThat(reader.next()).isNull();
    }

    @Test
    void joinsMultiLineDataAndIgnoresIdAndRetry() throws IOException {
        SseReader reader = reader("id: 7\nretry: 1000\ndata: line one\ndata: line two\n\n");

        assertThat(reader.next()).isEqualTo(new SseEvent("", "line one\nline two"));
    }

    @Test
    void returnsAnEventCutOffByTheEndOfTheStream() throws IOException {
        SseReader reader = reader("data: {\"partial\":");

        assertThat(reader.next()).isEqualTo(new SseEvent("", "{\"partial\":"));
        assertThat(reader.next()).isNull();
    }

    @Test
    void aNameWithoutDataIsNotAnEvent() throws IOException {
        assertThat(reader("event: ping\n\n").next()).isNull();
    }
}
