package dev.tiergate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.ProviderContractTest;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.testing.LoopbackAnthropic;
import dev.tiergate.testing.LoopbackServer;
import dev.tiergate.testing.RecordedRequest;
import dev.tiergate.testing.RecordingListener;
import dev.tiergate.testing.Reply;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest extends ProviderContractTest {

    @Override
    protected LoopbackServer startLoopback() {
        return new LoopbackAnthropic();
    }

    private static final String CONVERSATION = """
            {"model": "auto", "temperature": 1.5, "top_p": 0.9, "stop": "END", "user": "user-42",
             "max_completion_tokens": 300, "parallel_tool_calls": false, "tool_choice": "required",
             "messages": [
               {"role": "system", "content": "Be brief."},
               {"role": "developer", "content": [{"type": "text", "text": "Use metric units.",
                                                  "cache_control": {"type": "ephemeral"}}]},
               {"role": "user", "content": [
                  {"type": "text", "text": "Weather in Paris and Rome? See the chart."},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}]},
               {"role": "assistant", "content": null, "tool_calls": [
                  {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
                  {"id": "call_b", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Rome\\"}"}}]},
               {"role": "tool", "tool_call_id": "call_a", "content": "18C"},
               {"role": "tool", "tool_call_id": "call_b", "content": [{"type": "text", "text": "24C"}]}
             ],
             "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Current weather",
                        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]}""";

    @Test
    void translatesTheConversation() throws Exception {
        provider().complete(request(CONVERSATION), CallContext.unbounded());

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("loopback-key");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("authorization")).isNull();
        JsonNode body = sent.body();
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.has("stream")).isFalse();
        assertThat(body.path("system")).isEqualTo(json("""
                [{"type": "text", "text": "Be brief."},
                 {"type": "text", "text": "Use metric units.", "cache_control": {"type": "ephemeral"}}]"""));
        assertThat(body.path("messages")).isEqualTo(json("""
                [{"role": "user", "content": [
                    {"type": "text", "text": "Weather in Paris and Rome? See the chart."},
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}]},
                 {"role": "assistant", "content": [
                    {"type": "tool_use", "id": "call_a", "name": "get_weather", "input": {"city": "Paris"}},
                    {"type": "tool_use", "id": "call_b", "name": "get_weather", "input": {"city": "Rome"}}]},
                 {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "call_a", "content": "18C"},
                    {"type": "tool_result", "tool_use_id": "call_b", "content": "24C"}]}]"""));
        assertThat(body.path("tools")).isEqualTo(json("""
                [{"name": "get_weather", "description": "Current weather",
                  "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}]"""));
        assertThat(body.path("tool_choice")).isEqualTo(json("{\"type\": \"any\", \"disable_parallel_tool_use\": true}"));
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("temperature").asDouble()).as("clamped to Anthropic's range").isEqualTo(1.0);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("stop_sequences")).isEqualTo(json("[\"END\"]"));
        assertThat(body.path("metadata").path("user_id").asText()).isEqualTo("user-42");
    }

    @Test
    void defaultsMaxTokensAndTranslatesASpecificToolChoice() throws Exception {
        provider().stream(request("""
                {"model": "auto", "messages": [{"role": "user", "content": "Hi"}],
                 "tools": [{"type": "function", "function": {"name": "lookup"}}],
                 "tool_choice": {"type": "function", "function": {"name": "lookup"}}}"""),
                CallContext.unbounded(), RecordingListener.recording());

        JsonNode body = upstream.lastRequest().body();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("tool_choice")).isEqualTo(json("{\"type\": \"tool\", \"name\": \"lookup\"}"));
        assertThat(body.path("tools").path(0).path("input_schema")).isEqualTo(json("{\"type\": \"object\"}"));
    }

    private static final String STRUCTURED = """
            {"model": "auto", "messages": [{"role": "user", "content": "Name a city"}],
             "response_format": {"type": "json_schema", "json_schema": {"name": "city", "schema":
                {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}}}}""";

    @Test
    void structuredOutputUsesAForcedToolAndComesBackAsText() throws Exception {
        Reply answer = Reply.toolCall(AnthropicRequestTranslator.JSON_TOOL, "{\"name\":\"Lyon\"}");
        upstream.enqueue(answer, answer);

        ChatResponse completed = provider().complete(request(STRUCTURED), CallContext.unbounded());
        RecordingListener listener = RecordingListener.recording();
        ChatResponse streamed = provider().stream(request(STRUCTURED), CallContext.unbounded(), listener);

        JsonNode body = upstream.requests().get(0).body();
        assertThat(body.path("tool_choice")).isEqualTo(json("{\"type\": \"tool\", \"name\": \"json_response\"}"));
        assertThat(body.path("tools").path(0).path("input_schema").path("required")).isEqualTo(json("[\"name\"]"));
        for (ChatResponse response : new ChatResponse[] {completed, streamed}) {
            assertThat(json(response.text())).isEqualTo(json("{\"name\":\"Lyon\"}"));
            assertThat(response.toolCalls()).isEmpty();
            assertThat(response.finishReason()).isEqualTo("stop");
        }
        assertThat(json(listener.text())).isEqualTo(json("{\"name\":\"Lyon\"}"));
    }

    @Test
    void jsonObjectFormatBecomesAnInstruction() throws Exception {
        provider().complete(request("""
                {"model": "auto", "messages": [{"role": "user", "content": "List two cities"}],
                 "response_format": {"type": "json_object"}}"""), CallContext.unbounded());

        JsonNode body = upstream.lastRequest().body();
        assertThat(body.has("tools")).isFalse();
        assertThat(body.path("system").path(0).path("text").asText()).contains("JSON object");
    }

    @Test
    void overloadedEventMidStreamIsMidStream() {
        upstream.enqueue(Reply.text("a", "b", "c", "d").failAfter(4, 529, "Overloaded"));
        RecordingListener listener = RecordingListener.recording();

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider().stream(hello(), CallContext.unbounded(), listener));

        assertThat(e.midStream()).isTrue();
        assertThat(e.status()).isEqualTo(529);
        assertThat(e.getMessage()).contains("Overloaded");
        assertThat(listener.text()).isEqualTo("a");
    }

    @Test
    void acceptsBaseUrlsWithOrWithoutV1() {
        assertThat(AnthropicProvider.messagesUri(URI.create("https://api.anthropic.com")))
                .isEqualTo(URI.create("https://api.anthropic.com/v1/messages"));
        assertThat(AnthropicProvider.messagesUri(URI.create("https://gateway.example/anthropic/v1/")))
                .isEqualTo(URI.create("https://gateway.example/anthropic/v1/messages"));
    }
}
