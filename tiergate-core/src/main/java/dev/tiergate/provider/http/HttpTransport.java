package dev.tiergate.provider.http;

import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import dev.tiergate.provider.support.CallGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * JSON-over-HTTP to one endpoint with the JDK client: one {@link HttpClient} (one keep-alive pool) per endpoint,
 * connect timeout from the endpoint, first-token timeout on the response headers, and every exchange wired to
 * the call's {@link CallGuard} so a deadline or a cancellation tears it down from any thread.
 */
public final class HttpTransport implements AutoCloseable {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final ModelEndpoint endpoint;
    private final HttpClient client;

    public HttpTransport(ModelEndpoint endpoint) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder()
                .connectTimeout(endpoint.timeouts().connect())
                // HTTP/1.1 keeps one stream per connection, so closing a body really stops that upstream generation
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Callers block on their own virtual thread and chain nothing onto the futures, so the client's
                // internal tasks are short and non-blocking: running them inline on its selector thread saves a
                // thread hand-off per response (measured: about 2x proxy throughput on 2 cores, bench/experiments)
                .executor(Runnable::run)
                .build();
    }

    /**
     * POSTs a JSON body and returns once a 2xx response's headers have arrived. Errors are thrown classified:
     * HTTP statuses with the upstream's own message and Retry-After, connection failures, timeouts, cancellation.
     */
    public UpstreamResponse post(URI uri, Map<String, String> headers, byte[] body, CallGuard guard) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                // the JDK stops this timer once headers arrive, so it bounds exactly the wait for the headers
                .timeout(endpoint.timeouts().firstToken())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            try {
                request.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException restricted) {
                // Host, Connection, Content-Length... belong to the client; a config that sets them is wrong
                throw new ProviderException(Kind.CLIENT_ERROR, endpoint.name() + ": header '" + header.getKey()
                        + "' cannot be sent: " + restricted.getMessage());
            }
        }
        CompletableFuture<HttpResponse<InputStream>> pending =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        guard.onAbort(() -> pending.cancel(true));
        HttpResponse<InputStream> response = await(pending, guard);
        UpstreamResponse upstream = new UpstreamResponse(response.statusCode(), response.headers(), response.body());
        guard.onAbort(upstream::close);
        if (response.statusCode() >= 300) {
            throw guard.failure(httpError(upstream), false);
        }
        return upstream;
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

    /** Failures before any response header arrived. */
    ProviderException classifySendFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new ProviderException(Kind.TIMEOUT_CONNECT, endpoint.name() + ": connect timed out after "
                        + endpoint.timeouts().connect().toMillis() + " ms", failure);
            }
            if (t instanceof HttpTimeoutException) {
                return new ProviderException(Kind.TIMEOUT_FIRST_TOKEN, endpoint.name() + ": no response within "
                        + endpoint.timeouts().firstToken().toMillis() + " ms", failure);
            }
            if (t instanceof ConnectException) {
                return new ProviderException(Kind.CONNECT, endpoint.name() + ": cannot connect: " + describe(t), failure);
            }
        }
        // a reset or an early close before the headers: the request never got an answer, so trying again is safe
        Kind kind = failure instanceof IOException ? Kind.CONNECT : Kind.PROTOCOL;
        return new ProviderException(kind, endpoint.name() + ": request failed: " + describe(failure), failure);
    }

    private ProviderException httpError(UpstreamResponse response) {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            body = new byte[0];
        }
        String message = ErrorMessages.redact(ErrorMessages.extract(body), endpoint.apiKey());
        Duration retryAfter = RetryAfter.parse(response.headers()::firstValue).orElse(null);
        return ProviderException.http(response.status(),
                endpoint.name() + ": HTTP " + response.status() + (message.isEmpty() ? "" : ": " + message), retryAfter);
    }

    /** Reads a whole (non-streamed) body; the guard's deadline still applies, by closing the stream under us. */
    public byte[] readAll(UpstreamResponse response, CallGuard guard) throws ProviderException {
        try (InputStream in = response.body()) {
            byte[] body = in.readAllBytes();
            if (guard.aborted().isPresent()) {
                // a body closed under us can read as a clean (short) end of stream
                throw guard.failure(new ProviderException(Kind.PROTOCOL, endpoint.name() + ": response aborted"), false);
            }
            return body;
        } catch (IOException e) {
            throw guard.failure(new ProviderException(Kind.PROTOCOL,
                    endpoint.name() + ": response body cut off: " + describe(e), e), false);
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
