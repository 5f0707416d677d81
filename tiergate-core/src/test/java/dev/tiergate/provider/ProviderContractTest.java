package dev.tiergate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.Usage;
import dev.tiergate.config.Timeouts;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.provider.ProviderException.Kind;
import dev.tiergate.testing.LoopbackServer;
import dev.tiergate.testing.RecordingListener;
import dev.tiergate.testing.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every provider must do, whatever its wire format: the same scripted replies, failures and timing against
 * each provider's loopback upstream. Subclasses add the checks of their own request and response translation.
 */
public abstract class ProviderContractTest {
    protected static final String MODEL = "loopback-model";
    /** How soon a timeout or cancellation must take effect; slow replies take far longer (see SLOW). */
    private static final Duration PROMPT = Duration.ofMillis(2500);
    private static final Duration SLOW = Duration.ofSeconds(6);

    protected LoopbackServer upstream;
    private final List<Provider> providers = new ArrayList<>();

    protected abstract LoopbackServer startLoopback();

    @BeforeEach
    void startUpstream() {
        upstream = startLoopback();
    }

    @AfterEach
    void stopUpstream() {
        providers.forEach(Provider::close);
        upstream.close();
    }

    protected Provider provider() {
        return provider(LoopbackServer.TEST_TIMEOUTS);
    }

    protected Provider provider(Timeouts timeouts) {
        return track(Providers.create(upstream.endpoint("loopback", MODEL, timeouts)));
    }

    protected Provider track(Provider provider) {
        providers.add(provider);
        return provider;
    }

    protected static Timeouts timeouts(long firstTokenMillis, long totalMillis) {
        return new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(firstTokenMillis), Duration.ofMillis(totalMillis));
    }

    protected static ChatRequest request(String json) {
        try {
            return new ChatRequest((ObjectNode) Json.parse(json));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    protected static ChatRequest hello() {
        return request("""
                {"model": "auto", "messages": [{"role": "user", "content": "Hi"}]}""");
    }

    protected static ChatRequest weatherQuestion() {
        return request("""
                {"model": "auto",
                 "messages": [{"role": "user", "content": "Weather in Paris?"}],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Current weather",
                            "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                           "required": ["city"]}}}]}""");
    }

    protected static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String[] manyPieces(int count) {
        String[] pieces = new String[count];
        for (int i = 0; i < count; i++) {
            pieces[i] = "w" + i + " ";
        }
        return pieces;
    }

    private ProviderException failure(ThrowingCall call) {
        return catchThrowableOfType(ProviderException.class, call::run);
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    // --- answers ---------------------------------------------------------------------------------------------

    @Test
    void completesTextWithUsage() throws Exception {
        upstream.enqueue(Reply.text("Hello", " world").withUsage(21, 0, 7));

        ChatResponse response = provider().complete(hello(), CallContext.unbounded());

        assertThat(response.text()).isEqualTo("Hello world");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(new Usage(21, 0, 7));
        assertThat(response.model()).isEqualTo(MODEL);
        ObjectNode body = response.body();
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("id").asText()).isNotEmpty();
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("choices").path(0).path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(body.path("usage").path("prompt_tokens").asLong()).isEqualTo(21);
        assertThat(body.path("usage").path("completion_tokens").asLong()).isEqualTo(7);
        assertThat(body.path("usage").path("total_tokens").asLong()).isEqualTo(28);
        assertThat(body.path("usage").path("prompt_tokens_details").path("cached_tokens").isNumber()).isTrue();
    }

    @Test
    void streamsTextAsOpenAiChunksAndAssemblesTheAnswer() throws Exception {
        upstream.enqueue(Reply.text("Hel", "lo", "!").withUsage(30, 0, 3));
        RecordingListener listener = RecordingListener.recording();

        ChatResponse response = provider().stream(hello(), CallContext.unbounded(), listener);

        List<ObjectNode> chunks = listener.chunks();
        assertThat(listener.text()).isEqualTo("Hello!");
        assertThat(chunks).allSatisfy(chunk ->
                assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks).extracting(chunk -> chunk.path("id").asText()).containsOnly(chunks.get(0).path("id").asText());
        assertThat(chunks.get(0).path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(chunks).anySatisfy(chunk ->
                assertThat(chunk.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop"));
        ObjectNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices").isEmpty()).isTrue();
        assertThat(last.path("usage").path("prompt_tokens").asLong()).isEqualTo(30);

        assertThat(response.text()).isEqualTo("Hello!");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(new Usage(30, 0, 3));
        assertThat(response.body().path("object").asText()).isEqualTo("chat.completion");
        assertThat(response.model()).isEqualTo(MODEL);
    }

    @Test
    void returnsToolCalls() throws Exception {
        upstream.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));

        ChatResponse response = provider().complete(weatherQuestion(), CallContext.unbounded());

        assertToolCall(response);
    }

    @Test
    void streamsToolCalls() throws Exception {
        upstream.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        RecordingListener listener = RecordingListener.recording();

        ChatResponse response = provider().stream(weatherQuestion(), CallContext.unbounded(), listener);

        assertToolCall(response);
        List<JsonNode> toolDeltas = listener.chunks().stream()
                .map(chunk -> chunk.path("choices").path(0).path("delta").path("tool_calls").path(0))
                .filter(call -> !call.isMissingNode())
                .toList();
        assertThat(toolDeltas.get(0).path("id").asText()).isEqualTo("call_1_get_weather");
        assertThat(toolDeltas.get(0).path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(toolDeltas).allSatisfy(call -> assertThat(call.path("index").asInt()).isZero());
        assertThat(toolDeltas.size()).as("arguments arrive in fragments").isGreaterThan(2);
    }

    private static void assertToolCall(ChatResponse response) {
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.toolCalls()).isPresent();
        JsonNode call = response.toolCalls().get().get(0);
        assertThat(call.path("id").asText()).isEqualTo("call_1_get_weather");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(json(call.path("function").path("arguments").asText())).isEqualTo(json("{\"city\":\"Paris\"}"));
    }

    @Test
    void reportsCachedTokensAsPartOfPromptTokens() throws Exception {
        upstream.enqueue(Reply.text("ok").withUsage(100, 60, 7), Reply.text("ok").withUsage(100, 60, 7));

        ChatResponse completed = provider().complete(hello(), CallContext.unbounded());
        ChatResponse streamed = provider().stream(hello(), CallContext.unbounded(), RecordingListener.recording());

        for (ChatResponse response : List.of(completed, streamed)) {
            assertThat(response.usage()).isEqualTo(new Usage(100, 60, 7));
            assertThat(response.body().path("usage").path("prompt_tokens").asLong()).isEqualTo(100);
            assertThat(response.body().path("usage").path("prompt_tokens_details").path("cached_tokens").asLong())
                    .isEqualTo(60);
        }
    }

    @Test
    void aStreamMayLastLongerThanTheFirstTokenTimeout() throws Exception {
        upstream.enqueue(Reply.text("a", "b", "c", "d", "e").delayChunks(Duration.ofMillis(400)));

        ChatResponse response = provider(timeouts(1500, 10_000)).stream(hello(), CallContext.unbounded(),
                RecordingListener.recording());

        assertThat(response.text()).isEqualTo("abcde");
    }

    // --- HTTP errors -----------------------------------------------------------------------------------------

    @Test
    void rateLimitIsRetryableWithRetryAfter() {
        upstream.enqueue(Reply.error(429, "Slow down, please").withRetryAfter("3"));

        ProviderException e = failure(() -> provider().complete(hello(), CallContext.unbounded()));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(e.getMessage()).contains("Slow down, please");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void serverErrorIsRetryable() {
        upstream.enqueue(Reply.error(500, "Internal trouble"));

        ProviderException e = failure(() -> provider().stream(hello(), CallContext.unbounded(), RecordingListener.recording()));

        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.midStream()).isFalse();
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void clientErrorCarriesTheUpstreamMessage() {
        upstream.enqueue(Reply.error(400, "max_tokens is too large"));

        ProviderException e = failure(() -> provider().complete(hello(), CallContext.unbounded()));

        assertThat(e.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("max_tokens is too large");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void nonJsonAnswerIsAProtocolError() {
        upstream.enqueue(Reply.raw(200, "text/html", "<html><body>Bad gateway</body></html>"));

        ProviderException e = failure(() -> provider().complete(hello(), CallContext.unbounded()));

        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
    }

    @Test
    void truncatedAnswerIsAProtocolError() {
        upstream.enqueue(Reply.text("This answer will be cut in half").breakAfter(0));

        ProviderException e = failure(() -> provider().complete(hello(), CallContext.unbounded()));

        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
    }

    @Test
    void refusedConnectionIsAConnectError() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        // generous timeouts: a refusal is immediate, and a loaded machine must not turn it into a timeout
        ModelEndpoint e0 = upstream.endpoint(timeouts(10_000, 20_000));
        ModelEndpoint unreachable = new ModelEndpoint(e0.name(), e0.provider(), e0.model(), closed, e0.apiKey(),
                e0.region(), e0.price(), e0.timeouts(), e0.retry(), e0.headers(), e0.awsAccessKeyId(),
                e0.awsSecretAccessKey(), e0.missingEnv());
        Provider provider = track(Providers.create(unreachable));

        ProviderException e = failure(() -> provider.complete(hello(), CallContext.unbounded()));

        assertThat(e.kind()).as(() -> causes(e)).isEqualTo(Kind.CONNECT);
        assertThat(e.retryable()).isTrue();
    }

    // --- timeouts --------------------------------------------------------------------------------------------

    @Test
    void slowHeadersHitTheFirstTokenTimeout() {
        upstream.enqueue(Reply.text("late").delayHeaders(SLOW));
        Provider provider = provider(timeouts(200, 5000));
        long start = System.nanoTime();

        ProviderException e = failure(() -> provider.complete(hello(), CallContext.unbounded()));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT_FIRST_TOKEN);
        assertThat(e.retryable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    }

    @Test
    void aTimeoutOnTheGatewaysOwnVirtualThreadLeavesThatThreadAndThePoolUsable() throws Exception {
        // the gateway calls providers on its request's virtual thread, which goes on to answer its own client
        List<Reply> replies = List.of(Reply.text("late").delayHeaders(SLOW), Reply.text("late again").delayHeaders(SLOW),
                Reply.text("on time"));
        List<Supplier<CallContext>> contexts = List.of(CallContext::unbounded, () -> CallContext.within(Duration.ofMillis(150)),
                CallContext::unbounded);
        Provider provider = provider(timeouts(300, 5000));
        List<Object> seen = new CopyOnWriteArrayList<>();

        Thread caller = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 3; i++) {
                upstream.enqueue(replies.get(i));
                try {
                    seen.add(provider.complete(hello(), contexts.get(i).get()).text());
                } catch (ProviderException e) {
                    seen.add(e.kind());
                }
                seen.add(Thread.currentThread().isInterrupted());
            }
        });
        caller.join(PROMPT.multipliedBy(3).toMillis());

        assertThat(caller.isAlive()).isFalse();
        assertThat(seen).containsExactly(Kind.TIMEOUT_FIRST_TOKEN, false, Kind.TIMEOUT_TOTAL, false, "on time", false);
    }

    @Test
    void slowFirstEventHitsTheFirstTokenTimeout() {
        upstream.enqueue(Reply.text("late").delayFirstToken(SLOW));
        RecordingListener listener = RecordingListener.recording();
        Provider provider = provider(timeouts(200, 5000));
        long start = System.nanoTime();

        ProviderException e = failure(() -> provider.stream(hello(), CallContext.unbounded(), listener));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT_FIRST_TOKEN);
        assertThat(e.midStream()).isFalse();
        assertThat(listener.chunks()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    }

    @Test
    void slowBodyHitsTheTotalTimeout() {
        upstream.enqueue(Reply.text("late").delayFirstToken(SLOW));
        Provider provider = provider(timeouts(5000, 300));
        long start = System.nanoTime();

        ProviderException e = failure(() -> provider.complete(hello(), CallContext.unbounded()));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT_TOTAL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    }

    @Test
    void totalTimeoutDuringAStreamIsMidStream() {
        upstream.enqueue(Reply.text(manyPieces(40)).delayChunks(Duration.ofMillis(100)));
        RecordingListener listener = RecordingListener.recording();

        ProviderException e = failure(() -> provider(timeouts(2000, 2000)).stream(hello(), CallContext.unbounded(), listener));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT_TOTAL);
        assertThat(e.midStream()).isTrue();
        assertThat(e.retryable()).isFalse();
        assertThat(listener.chunks()).isNotEmpty();
    }

    @Test
    void theRequestDeadlineCapsTheModelTimeout() {
        upstream.enqueue(Reply.text(manyPieces(40)).delayChunks(Duration.ofMillis(50)));
        Provider provider = provider();
        long start = System.nanoTime();

        ProviderException e = failure(() -> provider.stream(hello(), CallContext.within(Duration.ofMillis(300)),
                RecordingListener.recording()));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT_TOTAL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    }

    // --- broken streams --------------------------------------------------------------------------------------

    @Test
    void droppedConnectionMidStreamIsMidStream() {
        // the pause lets the client read the chunks before the drop: the JDK client discards unread data on errors
        upstream.enqueue(Reply.text("a", "b", "c", "d", "e").delayChunks(Duration.ofMillis(50)).breakAfter(3));
        RecordingListener listener = RecordingListener.recording();

        ProviderException e = failure(() -> provider().stream(hello(), CallContext.unbounded(), listener));

        assertThat(e.midStream()).isTrue();
        assertThat(e.kind()).isEqualTo(Kind.STREAM_BROKEN);
        assertThat(listener.chunks()).isNotEmpty();
    }

    @Test
    void streamEndingWithoutItsTerminalEventIsMidStream() {
        upstream.enqueue(Reply.text("a", "b", "c", "d", "e").endAfter(3));
        RecordingListener listener = RecordingListener.recording();

        ProviderException e = failure(() -> provider().stream(hello(), CallContext.unbounded(), listener));

        assertThat(e.midStream()).isTrue();
        assertThat(listener.chunks()).isNotEmpty();
    }

    @Test
    void errorEventMidStreamIsMidStreamWithTheUpstreamMessage() {
        upstream.enqueue(Reply.text("a", "b", "c", "d", "e").failAfter(3, 500, "model melted"));
        RecordingListener listener = RecordingListener.recording();

        ProviderException e = failure(() -> provider().stream(hello(), CallContext.unbounded(), listener));

        assertThat(e.midStream()).isTrue();
        assertThat(e.getMessage()).contains("model melted");
        assertThat(listener.chunks()).isNotEmpty();
    }

    @Test
    void streamCutBeforeAnyChunkIsRetryable() {
        upstream.enqueue(Reply.text("a", "b").endAfter(0));
        RecordingListener listener = RecordingListener.recording();

        ProviderException e = failure(() -> provider().stream(hello(), CallContext.unbounded(), listener));

        assertThat(e.midStream()).isFalse();
        assertThat(e.retryable()).isTrue();
        assertThat(listener.chunks()).isEmpty();
    }

    // --- cancellation ----------------------------------------------------------------------------------------

    @Test
    void cancellingTheContextStopsASlowStreamPromptly() {
        upstream.enqueue(Reply.text(manyPieces(50)).delayChunks(Duration.ofMillis(200)));
        CallContext context = CallContext.unbounded();
        AtomicBoolean cancelScheduled = new AtomicBoolean();
        List<Long> cancelledAt = Collections.synchronizedList(new ArrayList<>());
        RecordingListener listener = RecordingListener.onEachChunk(chunk -> {
            if (cancelScheduled.compareAndSet(false, true)) {
                Thread.ofVirtual().start(() -> {
                    sleep(50);
                    cancelledAt.add(System.nanoTime());
                    context.cancel();
                });
            }
        });

        ProviderException e = failure(() -> provider().stream(hello(), context, listener));

        assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt.get(0))).isLessThan(PROMPT);
        assertThat(listener.chunks().size()).isLessThan(15);
    }

    @Test
    void cancellingTheContextStopsTheWaitForHeaders() {
        upstream.enqueue(Reply.text("late").delayHeaders(SLOW));
        CallContext context = CallContext.unbounded();
        Provider provider = provider();
        Thread.ofVirtual().start(() -> {
            sleep(150);
            context.cancel();
        });
        long start = System.nanoTime();

        ProviderException e = failure(() -> provider.complete(hello(), context));

        assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    }

    @Test
    void aCancelledContextMakesNoCall() {
        CallContext context = CallContext.unbounded();
        context.cancel();

        ProviderException e = failure(() -> provider().complete(hello(), context));

        assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void listenerFailureCancelsTheUpstreamRead() {
        upstream.enqueue(Reply.text(manyPieces(50)).delayChunks(Duration.ofMillis(100)));
        RecordingListener listener = RecordingListener.failingAt(2);
        Provider provider = provider();
        long start = System.nanoTime();

        ProviderException e = failure(() -> provider.stream(hello(), CallContext.unbounded(), listener));

        assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
        assertThat(listener.chunks()).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    }

    /** The cause chain, for assertion messages. */
    protected static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.append("\n  ").append(t);
        }
        return chain.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
