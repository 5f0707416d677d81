package dev.tiergate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.json.Json;
import dev.tiergate.provider.ProviderException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamTranslatorTest {

    private static List<ObjectNode> translate(AnthropicStreamTranslator translator, String event)
            throws IOException, ProviderException {
        return translator.translate(Json.parse(event));
    }

    @Test
    void mergesUsageFromMessageStartAndMessageDelta() throws Exception {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator(false, "test");
        translate(translator, """
                {"type":"message_start","message":{"id":"msg_1","model":"claude","usage":
                  {"input_tokens":10,"cache_creation_input_tokens":5,"cache_read_input_tokens":100,"output_tokens":1}}}""");
        translate(translator, """
                {"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":42}}""");

        List<ObjectNode> last = translate(translator, "{\"type\":\"message_stop\"}");

        assertThat(translator.finished()).isTrue();
        assertThat(Json.text(last.get(0).path("usage"))).isEqualTo(
                "{\"prompt_tokens\":115,\"completion_tokens\":42,\"total_tokens\":157,\"prompt_tokens_details\":{\"cached_tokens\":100}}");
        assertThat(last.get(0).path("id").asText()).isEqualTo("msg_1");
        assertThat(last.get(0).path("model").asText()).isEqualTo("claude");
    }

    @Test
    void thinkingBlocksAreNotRelayed() throws Exception {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator(false, "test");
        translate(translator, "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\",\"usage\":{}}}");

        assertThat(translate(translator, "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}")).isEmpty();
        assertThat(translate(translator, "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}")).isEmpty();
        assertThat(translate(translator, "{\"type\":\"ping\"}")).isEmpty();
    }
}
