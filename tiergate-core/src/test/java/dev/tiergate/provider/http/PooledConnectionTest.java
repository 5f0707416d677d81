package dev.tiergate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.config.RetryPolicy;
import dev.tiergate.config.Secret;
import dev.tiergate.config.Timeouts;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pricing.Price;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import dev.tiergate.provider.ProviderKind;
import dev.tiergate.provider.support.CallGuard;
import dev.tiergate.provider.support.Deadlines;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole answers reuse keep-alive connections that Tiergate pools itself; a connection the upstream closed while it
 * sat idle must cost the caller nothing, and a request the upstream did receive must never be sent twice.
 */
class PooledConnectionTest {
    private static final byte[] ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Deadlines deadlines = new Deadlines("test");

    @AfterEach
    void stop() {
        threads.shutdownNow();
        deadlines.close();
    }

    /** What the loopback upstream does after each answer on a connection. */
    private enum AfterAnswer { KEEP_OPEN, CLOSE_SILENTLY, SWALLOW_NEXT_REQUEST }

    /** A raw HTTP/1.1 upstream that counts connections and requests. */
    private final class Upstream implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger closedByClient = new AtomicInteger();
        final AfterAnswer after;

        Upstream(AfterAnswer after) throws IOException {
            this.after = after;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            threads.submit(this::acceptLoop);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions");
        }

        private Void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    threads.submit(() -> serve(socket));
                } catch (IOException closed) {
                    return null;
                }
            }
            return null;
        }

        private Void serve(Socket socket) throws IOException {
            try (socket) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                boolean answered = false;
                while (readRequest(in)) {
                    requests.incrementAndGet();
                    if (answered && after == AfterAnswer.SWALLOW_NEXT_REQUEST) {
                        in.read(); // never answers; returns when the client gives up and closes
                        return null;
                    }
                    out.write(("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + ANSWER.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(ANSWER);
                    out.flush();
                    answered = true;
                    if (after == AfterAnswer.CLOSE_SILENTLY) {
                        return null; // as an idle timeout would: no "connection: close" was announced
                    }
                }
                closedByClient.incrementAndGet();
            }
            return null;
        }

        private boolean readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            int b;
            while (matched < 4 && (b = in.read()) >= 0) {
                head.write(b);
                matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : b == '\r' ? 1 : 0;
            }
            if (matched < 4) {
                return false;
            }
            int length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            in.readNBytes(length);
            return true;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static ModelEndpoint endpoint(URI uri, Duration firstToken) {
        return new ModelEndpoint("cheap", ProviderKind.OPENAI, "m", uri, Secret.NONE, "", Price.FREE,
                new Timeouts(Duration.ofSeconds(2), firstToken, Duration.ofSeconds(10)), RetryPolicy.NONE, Map.of(),
                Secret.NONE, Secret.NONE, List.of());
    }

    private static ModelEndpoint patient(Upstream upstream) {
        return endpoint(upstream.uri(), Duration.ofSeconds(5));
    }

    /** Runs the call on a virtual thread, as the gateway does. */
    private byte[] exchange(HttpTransport transport, ModelEndpoint endpoint, URI uri) throws Exception {
        Callable<byte[]> call = () -> {
            try (CallGuard guard = CallGuard.start(endpoint, CallContext.unbounded(), deadlines)) {
                return transport.exchange(uri, Map.of(), "{}".getBytes(StandardCharsets.UTF_8), guard);
            }
        };
        try {
            return threads.submit(call).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void sequentialCallsShareOneConnection() throws Exception {
        try (Upstream upstream = new Upstream(AfterAnswer.KEEP_OPEN);
             HttpTransport transport = new HttpTransport(patient(upstream))) {
            for (int i = 0; i < 5; i++) {
                assertThat(exchange(transport, patient(upstream), upstream.uri())).isEqualTo(ANSWER);
            }
            assertThat(upstream.connections.get()).isEqualTo(1);
            assertThat(upstream.requests.get()).isEqualTo(5);
        }
    }

    @Test
    void aConnectionTheUpstreamClosedWhileIdleIsReplacedWithoutAnError() throws Exception {
        try (Upstream upstream = new Upstream(AfterAnswer.CLOSE_SILENTLY);
             HttpTransport transport = new HttpTransport(patient(upstream))) {
            for (int i = 0; i < 3; i++) {
                assertThat(exchange(transport, patient(upstream), upstream.uri())).isEqualTo(ANSWER);
                Thread.sleep(50); // let the upstream's close reach the pooled connection
            }
            assertThat(upstream.requests.get()).isEqualTo(3);
            assertThat(upstream.connections.get()).isEqualTo(3);
        }
    }

    @Test
    void aRequestTheUpstreamReceivedIsNotSentAgainWhenItTimesOut() throws Exception {
        try (Upstream upstream = new Upstream(AfterAnswer.SWALLOW_NEXT_REQUEST);
             HttpTransport transport = new HttpTransport(patient(upstream))) {
            assertThat(exchange(transport, patient(upstream), upstream.uri())).isEqualTo(ANSWER);

            ModelEndpoint impatient = endpoint(upstream.uri(), Duration.ofMillis(300));
            assertThatThrownBy(() -> exchange(transport, impatient, upstream.uri()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT_FIRST_TOKEN));
            Thread.sleep(200);
            assertThat(upstream.requests.get()).isEqualTo(2);
            assertThat(upstream.connections.get()).isEqualTo(1);
        }
    }

    /** One call on a leased connection, read to the end so the connection goes back to the pool. */
    private static byte[] call(io.helidon.webclient.api.WebClient client, URI uri, AnswerConnections.Lease lease) throws IOException {
        try (var response = client.post().uri(uri).connection(lease.connection()).submit("{}")) {
            return response.inputStream().readAllBytes();
        }
    }

    private static AnswerConnections plainPool(io.helidon.webclient.api.WebClient client, Duration maxIdle, int maxIdleConnections) {
        return new AnswerConnections(client, io.helidon.common.tls.Tls.builder().enabled(false).build(), maxIdle, maxIdleConnections);
    }

    @Test
    void aConnectionIdleLongerThanTheLimitIsNotReused() throws Exception {
        io.helidon.webclient.api.WebClient client = io.helidon.webclient.api.WebClient.builder().build();
        try (Upstream upstream = new Upstream(AfterAnswer.KEEP_OPEN);
             AnswerConnections pool = plainPool(client, Duration.ofMillis(500), 8)) {
            assertThat(call(client, upstream.uri(), pool.lease(upstream.uri()))).isEqualTo(ANSWER);
            AnswerConnections.Lease soon = pool.lease(upstream.uri());
            assertThat(soon.reused()).isTrue();
            assertThat(call(client, upstream.uri(), soon)).isEqualTo(ANSWER);
            Thread.sleep(700);
            AnswerConnections.Lease late = pool.lease(upstream.uri());
            assertThat(late.reused()).isFalse();
            assertThat(call(client, upstream.uri(), late)).isEqualTo(ANSWER);
            assertThat(upstream.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void theIdlePoolKeepsAtMostItsLimitAndClosesTheRest() throws Exception {
        io.helidon.webclient.api.WebClient client = io.helidon.webclient.api.WebClient.builder().build();
        try (Upstream upstream = new Upstream(AfterAnswer.KEEP_OPEN);
             AnswerConnections pool = plainPool(client, Duration.ofSeconds(30), 2)) {
            List<AnswerConnections.Lease> four = List.of(pool.fresh(upstream.uri()), pool.fresh(upstream.uri()),
                    pool.fresh(upstream.uri()), pool.fresh(upstream.uri()));
            for (AnswerConnections.Lease lease : four) {
                assertThat(call(client, upstream.uri(), lease)).isEqualTo(ANSWER);
            }
            long reused = java.util.stream.Stream.generate(() -> pool.lease(upstream.uri())).limit(4)
                    .filter(AnswerConnections.Lease::reused).count();
            assertThat(reused).isEqualTo(2);
            for (int i = 0; i < 100 && upstream.closedByClient.get() < 2; i++) {
                Thread.sleep(20);
            }
            assertThat(upstream.closedByClient.get()).as("connections beyond the limit are closed").isEqualTo(2);
        }
    }

    @Test
    void staleMeansClosedOrResetNotTimedOut() {
        assertThat(HttpTransport.closedWhileIdle(new java.io.UncheckedIOException(new java.net.SocketException("Connection reset")))).isTrue();
        assertThat(HttpTransport.closedWhileIdle(new java.io.UncheckedIOException(new java.net.SocketTimeoutException("Read timed out")))).isFalse();
        assertThat(HttpTransport.closedWhileIdle(new IllegalStateException("no response"))).isFalse();
    }
}
