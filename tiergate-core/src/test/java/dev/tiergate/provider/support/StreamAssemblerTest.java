package dev.tiergate.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StreamAssemblerTest {

    private static JsonNode json(String text) throws IOException {
        return Json.parse(text);
    }

    @Test
    void rebuildsTextToolCallsFinishReasonAndUsage() throws IOException {
        StreamAssembler assembler = new StreamAssembler();
        assembler.accept(json("{\"id\":\"c1\",\"created\":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"));
        assembler.accept(json("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Let me \"}}]}"));
        assembler.accept(json("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"look.\"}}]}"));
        assembler.accept(json("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"t2\",\"type\":\"function\",\"function\":{\"name\":\"b\",\"arguments\":\"\"}}]}}]}"));
        assembler.accept(json("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t1\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"{\\\"x\\\"\"}}]}}]}"));
        assembler.accept(json("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]}}]}"));
        assembler.accept(json("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}],\"usage\":null}"));
        assembler.accept(json("{\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":9,\"total_tokens\":59,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":20},\"completion_tokens_details\":{\"reasoning_tokens\":4}}}"));

        ChatResponse response = assembler.response();

        assertThat(response.text()).isEqualTo("Let me look.");
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.usage()).isEqualTo(new Usage(50, 20, 9));
        assertThat(response.body().path("id").asText()).isEqualTo("c1");
        assertThat(response.body().path("created").asLong()).isEqualTo(5);
        assertThat(response.model()).isEqualTo("m");
        assertThat(response.toolCalls().orElseThrow()).isEqualTo(json("""
                [{"id":"t1","type":"function","function":{"name":"a","arguments":"{\\"x\\":1}"}},
                 {"id":"t2","type":"function","function":{"name":"b","arguments":""}}]"""));
        assertThat(response.body().path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt())
                .as("upstream usage details are kept").isEqualTo(4);
    }

    @Test
    void anEmptyStreamStillYieldsACompleteShape() {
        ChatResponse response = new StreamAssembler().response();

        assertThat(response.body().path("object").asText()).isEqualTo("chat.completion");
        assertThat(response.body().path("choices").path(0).path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(response.body().path("usage").path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();
        assertThat(response.usage()).isEqualTo(Usage.NONE);
    }
}
