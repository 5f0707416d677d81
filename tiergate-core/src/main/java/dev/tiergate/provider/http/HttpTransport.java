package dev.tiergate.provider.http;

import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import dev.tiergate.provider.support.CallGuard;
import dev.tiergate.provider.support.InterruptWindow;
import dev.tiergate.provider.support.VirtualThreads;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.tls.Tls;
import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * JSON-over-HTTP to one endpoint, one keep-alive pool per endpoint and per kind of call, every exchange wired to
 * the call's {@link CallGuard} so a deadline or a cancellation tears it down from any thread.
 * <ul>
 *   <li>Whole answers ({@link #exchange}) use Helidon's WebClient, which does blocking I/O on the caller's virtual
 *   thread: no selector thread, no hand-off per response. That halved the stack's concurrency-1 p99 and raised its
 *   throughput by a third against the JDK client (bench/experiments/floor.sh). It is torn down by interrupting
 *   the caller inside an {@link InterruptWindow}, which closes the socket it is blocked on. Its keep-alive
 *   connections are pooled by {@link AnswerConnections}, not by Helidon.</li>
 *   <li>Streams ({@link #openStream}) use the JDK client, whose body stream can be closed from another thread while
 *   the caller alternates between reading the upstream and writing to its own client: an interrupt could land
 *   on the client's socket instead.</li>
 * </ul>
 */
public final class HttpTransport implements AutoCloseable {
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Duration BACKSTOP_MARGIN = Duration.ofSeconds(1);
    /**
     * Pooled connections idle longer than this are not reused: upstreams close idle keep-alive connections after
     * 5 s (uvicorn, so vLLM) to 75 s (nginx), and a stale one costs a failed attempt before the retry.
     */
    private static final Duration MAX_IDLE = Duration.ofSeconds(20);
    private static final int MAX_IDLE_CONNECTIONS = 256;
    /** What the JDK client refuses to send; refused for both clients so a config behaves the same everywhere. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final ModelEndpoint endpoint;
    private final HttpClient streamClient;
    private final WebClient answerClient;
    private final AnswerConnections answerConnections;

    public HttpTransport(ModelEndpoint endpoint) {
        this.endpoint = endpoint;
        this.streamClient = HttpClient.newBuilder()
                .connectTimeout(endpoint.timeouts().connect())
                // HTTP/1.1 keeps one stream per connection, so closing a body really stops that upstream generation
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Callers block on their own virtual thread and chain nothing onto the futures, so the client's
                // internal tasks are short and non-blocking: running them inline on its selector thread saves a
                // thread hand-off per response (measured: about 2x proxy throughput on 2 cores, bench/experiments)
                .executor(Runnable::run)
                .build();
        // the JVM's default TLS context, as the JDK client uses: certificates and trust stores configured with the
        // standard javax.net.ssl settings apply to both clients (Helidon would build its own)
        Tls tls = Tls.builder().sslContext(defaultSslContext()).build();
        this.answerClient = WebClient.builder()
                .connectTimeout(endpoint.timeouts().connect())
                // Helidon's default socket read timeout is 30 s, shorter than a long answer. The guard's deadlines
                // are what bound a call; this is a backstop, so it leaves them a margin to fire first and name the
                // timeout correctly.
                .readTimeout(endpoint.timeouts().total().plus(BACKSTOP_MARGIN))
                .tls(tls)
                .followRedirects(false)
                .keepAlive(true)
                .proxy(Proxy.noProxy())
                .servicesDiscoverServices(false)
                .shareConnectionCache(false)
                .build();
        this.answerConnections = new AnswerConnections(answerClient, tls, MAX_IDLE, MAX_IDLE_CONNECTIONS);
    }

    private static SSLContext defaultSslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context", e);
        }
    }

    /**
     * POSTs a JSON body and returns the whole 2xx answer; the headers count as the first token. Errors are thrown
     * classified: HTTP statuses with the upstream's own message and Retry-After, connection failures, timeouts,
     * cancellation. Blocks on the caller's virtual thread (a platform thread's call is moved onto one, because
     * its socket reads would ignore the interrupt that enforces deadlines).
     */
    public byte[] exchange(URI uri, Map<String, String> headers, byte[] body, CallGuard guard) throws ProviderException {
        checkHeaders(headers);
        if (!Thread.currentThread().isVirtual()) {
            return VirtualThreads.call(() -> exchange(uri, headers, body, guard), guard);
        }
        try (InterruptWindow window = InterruptWindow.open()) {
            guard.onAbort(window::interrupt);
            HttpClientResponse response;
            try {
                response = send(uri, headers, body, window);
            } catch (RuntimeException e) {
                throw guard.failure(classifySendFailure(e), false);
            }
            try (response) {
                guard.firstTokenArrived();
                int status = response.status().code();
                if (status >= 300) {
                    ClientResponseHeaders responseHeaders = response.headers();
                    throw guard.failure(httpError(status, response.inputStream(),
                            name -> responseHeaders.first(HeaderNames.create(name))), false);
                }
                byte[] answer = response.inputStream().readAllBytes();
                if (window.interrupted()) {
                    // an interrupt can surface as a clean (short) end of stream
                    throw guard.failure(new ProviderException(Kind.PROTOCOL, endpoint.name() + ": response aborted"), false);
                }
                return answer;
            } catch (IOException | RuntimeException e) {
                throw guard.failure(new ProviderException(Kind.PROTOCOL,
                        endpoint.name() + ": response body cut off: " + describe(e), e), false);
            }
        }
    }

    /**
     * Sends on a pooled connection. If that fails because the upstream had closed the connection while it sat idle,
     * the request never reached it, so it goes once more on a new connection at once, without counting as a retry.
     */
    private HttpClientResponse send(URI uri, Map<String, String> headers, byte[] body, InterruptWindow window) {
        AnswerConnections.Lease lease = answerConnections.lease(uri);
        try {
            return submit(uri, headers, body, lease);
        } catch (RuntimeException e) {
            if (!lease.reused() || window.interrupted() || !closedWhileIdle(e)) {
                throw e;
            }
            return submit(uri, headers, body, answerConnections.fresh(uri));
        }
    }

    /** A connection whose request failed is closed here, whether or not the request is tried again. */
    private HttpClientResponse submit(URI uri, Map<String, String> headers, byte[] body, AnswerConnections.Lease lease) {
        try {
            return post(uri, headers, lease).submit(body);
        } catch (RuntimeException e) {
            lease.connection().closeResource();
            throw e;
        }
    }

    private HttpClientRequest post(URI uri, Map<String, String> headers, AnswerConnections.Lease lease) {
        HttpClientRequest request = answerClient.post().uri(uri).connection(lease.connection())
                .header(HeaderNames.CONTENT_TYPE, "application/json");
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        return request;
    }

    /** An end of stream or a reset before any response, as opposed to a timeout: the mark of a stale connection. */
    static boolean closedWhileIdle(Throwable failure) {
        boolean closed = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException) { // a SocketTimeoutException among them
                return false;
            }
            closed |= t instanceof IOException || t instanceof DataReader.InsufficientDataAvailableException;
        }
        return closed;
    }

    /**
     * POSTs a JSON body for a streamed answer and returns once a 2xx response's headers have arrived; errors are
     * classified as for {@link #exchange}.
     */
    public UpstreamResponse openStream(URI uri, Map<String, String> headers, byte[] body, CallGuard guard) throws ProviderException {
        checkHeaders(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                // the JDK stops this timer once headers arrive, so it bounds exactly the wait for the headers
                .timeout(endpoint.timeouts().firstToken())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<InputStream>> pending =
                streamClient.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        guard.onAbort(() -> pending.cancel(true));
        HttpResponse<InputStream> response = await(pending, guard);
        UpstreamResponse upstream = new UpstreamResponse(response.statusCode(), response.headers(), response.body());
        guard.onAbort(upstream::close);
        if (response.statusCode() >= 300) {
            try (InputStream errorBody = upstream.body()) {
                throw guard.failure(httpError(response.statusCode(), errorBody, response.headers()::firstValue), false);
            } catch (IOException closeFailed) {
                throw guard.failure(ProviderException.http(response.statusCode(),
                        endpoint.name() + ": HTTP " + response.statusCode(), null), false);
            }
        }
        return upstream;
    }

    private void checkHeaders(Map<String, String> headers) throws ProviderException {
        for (String name : headers.keySet()) {
            if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                // Host, Connection, Content-Length... belong to the client; a config that sets them is wrong
                throw new ProviderException(Kind.CLIENT_ERROR, endpoint.name() + ": header '" + name
                        + "' cannot be sent: the HTTP client sets it");
            }
        }
    }

    private HttpResponse<InputStream> await(CompletableFuture<HttpResponse<InputStream>> pending, CallGuard guard)
            throws ProviderException {
        try {
            return pending.get();
        } catch (ExecutionException e) {
            throw guard.failure(classifySendFailure(e.getCause()), false);
        } catch (CancellationException e) {
            throw guard.failure(new ProviderException(Kind.CONNECT, endpoint.name() + ": request aborted", e), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            guard.cancel();
            throw new ProviderException(Kind.CANCELLED, endpoint.name() + ": interrupted while waiting for the upstream", e);
        }
    }

    /** Failures before any response header arrived, from either client. */
    ProviderException classifySendFailure(Throwable failure) {
        boolean io = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            io |= t instanceof IOException;
            if (t instanceof HttpConnectTimeoutException
                    || t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
                return new ProviderException(Kind.TIMEOUT_CONNECT, endpoint.name() + ": connect timed out after "
                        + endpoint.timeouts().connect().toMillis() + " ms", failure);
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return new ProviderException(Kind.TIMEOUT_FIRST_TOKEN, endpoint.name() + ": no response within "
                        + endpoint.timeouts().firstToken().toMillis() + " ms", failure);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new ProviderException(Kind.CONNECT, endpoint.name() + ": cannot connect: " + describe(t), failure);
            }
        }
        // a reset or an early close before the headers: the request never got an answer, so trying again is safe
        return new ProviderException(io ? Kind.CONNECT : Kind.PROTOCOL, endpoint.name() + ": request failed: " + describe(failure), failure);
    }

    private ProviderException httpError(int status, InputStream errorBody, Function<String, Optional<String>> header) {
        byte[] body;
        try {
            body = errorBody.readNBytes(MAX_ERROR_BODY);
        } catch (IOException | RuntimeException e) {
            body = new byte[0];
        }
        String message = ErrorMessages.redact(ErrorMessages.extract(body), endpoint.apiKey());
        Duration retryAfter = RetryAfter.parse(header).orElse(null);
        return ProviderException.http(status, endpoint.name() + ": HTTP " + status + (message.isEmpty() ? "" : ": " + message), retryAfter);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        streamClient.shutdownNow();
        answerConnections.close();
        answerClient.closeResource();
    }
}
