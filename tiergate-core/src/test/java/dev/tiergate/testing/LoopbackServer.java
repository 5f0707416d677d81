package dev.tiergate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tiergate.config.RetryPolicy;
import dev.tiergate.config.Secret;
import dev.tiergate.config.Timeouts;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pricing.Price;
import dev.tiergate.provider.ProviderKind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A fake upstream on 127.0.0.1 (random port) that answers from a script. Subclasses speak one provider's real wire
 * format; this class does the HTTP, the recording, the delays and the broken streams, so every provider is tested
 * against exactly the same failure modes.
 *
 * <p>Replies are taken from a queue ({@link #enqueue}); when it is empty the {@link #setDefaultReply default reply}
 * answers. Every request is recorded ({@link #requests()}), scripted or not.
 */
public abstract class LoopbackServer implements AutoCloseable {
    /** Short enough to keep failing tests fast, long enough for a loaded two-core CI machine. */
    public static final Timeouts TEST_TIMEOUTS =
            new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15));

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Reply defaultReply = Reply.text("Hello from the loopback");

    /** What a routed request asks for. */
    public record Call(boolean streaming, String model, JsonNode body) {}

    /** A rendered error response. */
    protected record ErrorResponse(String contentType, byte[] body, Map<String, String> headers) {}

    /** Thrown from the handler so that the JDK server drops the connection without finishing the response. */
    private static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("scripted connection drop", null, false, false);
        }
    }

    protected LoopbackServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public abstract ProviderKind kind();

    /** The request's meaning, or empty for a path this upstream does not serve (answered with 404). */
    protected abstract Optional<Call> route(String method, String path, JsonNode body);

    protected abstract byte[] completionBody(Reply reply, Call call);

    /** Every wire event of a complete streamed answer, terminal marker included. */
    protected abstract List<byte[]> streamEvents(Reply reply, Call call);

    protected abstract String streamContentType();

    protected abstract byte[] streamErrorEvent(int status, String message);

    protected abstract ErrorResponse errorResponse(int status, String message);

    /** The URL to configure as the endpoint's {@code base_url}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** An endpoint pointing here, with short timeouts and fake credentials. */
    public ModelEndpoint endpoint(String name, String model, Timeouts timeouts) {
        return new ModelEndpoint(name, kind(), model, baseUrl(), new Secret("loopback-key"), "us-east-1", Price.FREE,
                timeouts, RetryPolicy.NONE, Map.of(), Secret.NONE, Secret.NONE, List.of());
    }

    public ModelEndpoint endpoint(Timeouts timeouts) {
        return endpoint("loopback-" + kind().configName(), "loopback-model", timeouts);
    }

    public ModelEndpoint endpoint() {
        return endpoint(TEST_TIMEOUTS);
    }

    /** Queues replies, answered in order. */
    public LoopbackServer enqueue(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The reply given when the queue is empty. */
    public void setDefaultReply(Reply reply) {
        defaultReply = reply;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("no request received");
        }
        return requests.get(requests.size() - 1);
    }

    /** Waits until at least {@code count} requests arrived; for tests whose requests are sent from other threads. */
    public List<RecordedRequest> awaitRequests(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (requests.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " requests, got " + requests.size());
            }
            Thread.sleep(5);
        }
        return requests();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        JsonNode body = parse(raw);
        requests.add(new RecordedRequest(exchange.getRequestMethod(), path, headers(exchange), body));
        Optional<Call> call = route(exchange.getRequestMethod(), path, body);
        if (call.isEmpty()) {
            sendError(exchange, 404, "no such route: " + path, Map.of());
            return;
        }
        Reply reply = Optional.ofNullable(script.poll()).orElse(defaultReply);
        pause(reply.delays().beforeHeaders());
        if (reply.raw() != null) {
            sendRaw(exchange, reply);
        } else if (reply.isError()) {
            sendError(exchange, reply.status(), reply.errorMessage(), reply.headers());
        } else if (call.get().streaming()) {
            sendStream(exchange, reply, call.get());
        } else {
            sendCompletion(exchange, reply, call.get());
        }
    }

    private void sendCompletion(HttpExchange exchange, Reply reply, Call call) throws IOException {
        byte[] body = completionBody(reply, call);
        setHeaders(exchange, "application/json", reply.headers());
        exchange.sendResponseHeaders(200, body.length);
        pause(reply.delays().beforeFirstEvent());
        OutputStream out = exchange.getResponseBody();
        if (reply.streamBreak() != null) {
            out.write(body, 0, body.length / 2);
            out.flush();
            throw new DropConnection();
        }
        out.write(body);
        exchange.close();
    }

    private void sendStream(HttpExchange exchange, Reply reply, Call call) throws IOException {
        List<byte[]> events = streamEvents(reply, call);
        setHeaders(exchange, streamContentType(), reply.headers());
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        pause(reply.delays().beforeFirstEvent());
        Reply.StreamBreak cut = reply.streamBreak();
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                pause(reply.delays().betweenEvents());
            }
            if (cut != null && i == cut.afterEvents()) {
                breakStream(exchange, out, cut);
                return;
            }
            out.write(events.get(i));
            out.flush();
        }
        exchange.close();
    }

    private void breakStream(HttpExchange exchange, OutputStream out, Reply.StreamBreak cut) throws IOException {
        switch (cut.how()) {
            case ABORT -> {
                out.flush();
                throw new DropConnection();
            }
            case ERROR_EVENT -> {
                out.write(streamErrorEvent(cut.status(), cut.message()));
                out.flush();
                exchange.close();
            }
            case END -> exchange.close();
        }
    }

    private void sendError(HttpExchange exchange, int status, String message, Map<String, String> extraHeaders)
            throws IOException {
        ErrorResponse error = errorResponse(status, message == null ? "" : message);
        Map<String, String> headers = new LinkedHashMap<>(error.headers());
        headers.putAll(extraHeaders);
        setHeaders(exchange, error.contentType(), headers);
        exchange.sendResponseHeaders(status, error.body().length);
        exchange.getResponseBody().write(error.body());
        exchange.close();
    }

    private void sendRaw(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.raw().body().getBytes(StandardCharsets.UTF_8);
        setHeaders(exchange, reply.raw().contentType(), reply.headers());
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        pause(reply.delays().beforeFirstEvent());
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static void setHeaders(HttpExchange exchange, String contentType, Map<String, String> headers) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return headers;
    }

    private static JsonNode parse(byte[] raw) {
        try {
            return Json.parse(raw);
        } catch (Exception notJson) {
            return TextNode.valueOf(new String(raw, StandardCharsets.UTF_8));
        }
    }

    private static void pause(Duration delay) throws IOException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("loopback closing");
        }
    }

    /** Renders a UTF-8 string: for subclasses writing text protocols. */
    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
