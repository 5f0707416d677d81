package dev.tiergate.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.ProviderContractTest;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.testing.LoopbackBedrock;
import dev.tiergate.testing.LoopbackServer;
import dev.tiergate.testing.RecordedRequest;
import dev.tiergate.testing.RecordingListener;
import dev.tiergate.testing.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BedrockProviderTest extends ProviderContractTest {

    /**
     * The AWS SDK loads and initialises most of itself on the first call, on the caller's thread: seconds on a busy
     * machine. Paying that once here keeps the promptness checks of the timeout tests about timeouts.
     */
    @BeforeAll
    static void warmUpTheSdk() throws Exception {
        try (LoopbackBedrock warmUp = new LoopbackBedrock();
             dev.tiergate.provider.Provider provider = dev.tiergate.provider.Providers.create(warmUp.endpoint())) {
            provider.complete(new dev.tiergate.chat.ChatRequest((com.fasterxml.jackson.databind.node.ObjectNode)
                    dev.tiergate.json.Json.parse("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")),
                    CallContext.unbounded());
        }
    }

    @Override
    protected LoopbackServer startLoopback() {
        return new LoopbackBedrock();
    }

    private static final String CONVERSATION = """
            {"model": "auto", "temperature": 0.2, "top_p": 0.9, "stop": ["END"], "max_tokens": 300,
             "tool_choice": "required", "x_unknown": true,
             "messages": [
               {"role": "system", "content": "Be brief."},
               {"role": "user", "content": "Weather in Paris?"},
               {"role": "assistant", "content": "Let me check.", "tool_calls": [
                  {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]},
               {"role": "tool", "tool_call_id": "call_a", "content": "18C"},
               {"role": "user", "content": "Thanks. And tomorrow?"}
             ],
             "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Current weather",
                        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]}""";

    @Test
    void translatesTheConversationToConverse() throws Exception {
        provider().complete(request(CONVERSATION), CallContext.unbounded());

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.path()).isEqualTo("/model/" + MODEL + "/converse");
        assertThat(sent.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDLOOPBACKEXAMPLE/");
        JsonNode body = sent.body();
        assertThat(body.path("system")).isEqualTo(json("[{\"text\": \"Be brief.\"}]"));
        assertThat(body.path("messages")).isEqualTo(json("""
                [{"role": "user", "content": [{"text": "Weather in Paris?"}]},
                 {"role": "assistant", "content": [
                    {"text": "Let me check."},
                    {"toolUse": {"toolUseId": "call_a", "name": "get_weather", "input": {"city": "Paris"}}}]},
                 {"role": "user", "content": [
                    {"toolResult": {"toolUseId": "call_a", "content": [{"text": "18C"}]}},
                    {"text": "Thanks. And tomorrow?"}]}]"""));
        assertThat(body.path("toolConfig")).isEqualTo(json("""
                {"tools": [{"toolSpec": {"name": "get_weather", "description": "Current weather",
                   "inputSchema": {"json": {"type": "object", "properties": {"city": {"type": "string"}}}}}}],
                 "toolChoice": {"any": {}}}"""));
        assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(300);
        assertThat(body.path("inferenceConfig").path("temperature").asDouble()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(body.path("inferenceConfig").path("stopSequences")).isEqualTo(json("[\"END\"]"));
        assertThat(body.has("x_unknown")).isFalse();
    }

    @Test
    void streamsThroughConverseStream() throws Exception {
        provider().stream(hello(), CallContext.unbounded(), RecordingListener.recording());

        assertThat(upstream.lastRequest().path()).isEqualTo("/model/" + MODEL + "/converse-stream");
    }

    @Test
    void throttlingMidStreamIsMidStream() {
        upstream.enqueue(Reply.text("a", "b", "c").failAfter(2, 429, "Too many tokens"));
        RecordingListener listener = RecordingListener.recording();

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider().stream(hello(), CallContext.unbounded(), listener));

        assertThat(e.midStream()).isTrue();
        assertThat(e.getMessage()).contains("Too many tokens");
    }

    @Test
    void remoteImageUrlsAreRejectedUpFront() {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider().complete(request("""
                {"model": "auto", "messages": [{"role": "user", "content": [
                   {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}]}]}"""),
                CallContext.unbounded()));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.CLIENT_ERROR);
        assertThat(upstream.requests()).isEmpty();
    }
}
