package dev.tiergate.provider.http;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keep-alive connections for whole answers, pooled here instead of in Helidon's WebClient. Helidon watches every
 * pooled connection with a virtual thread that polls the socket in 101 ms reads until the read timeout runs out
 * (minutes, for LLM calls): after a burst of 256 concurrent calls the idle gateway kept a tenth of a core busy for
 * five minutes. A connection pooled here costs nothing while it waits. The price is that a connection the upstream
 * closed while idle is only noticed when it is used again, so {@link HttpTransport} retries such a failure once on
 * a new connection, and connections idle longer than {@code maxIdle} are not reused at all.
 */
final class AnswerConnections implements AutoCloseable {
    private static final List<String> HTTP_1_1 = List.of("http/1.1");
    private static final Tls PLAIN = Tls.builder().enabled(false).build();

    private final WebClient client;
    private final Tls tls;
    private final Duration maxIdle;
    private final int maxIdleConnections;
    private final Map<ConnectionKey, ConcurrentLinkedDeque<Idle>> idle = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Idle(TcpClientConnection connection, long sinceNanos) {}

    /** A connection for one call, and whether it served an earlier call (then it may have gone stale). */
    record Lease(TcpClientConnection connection, boolean reused) {}

    AnswerConnections(WebClient client, Tls tls, Duration maxIdle, int maxIdleConnections) {
        this.client = client;
        this.tls = tls;
        this.maxIdle = maxIdle;
        this.maxIdleConnections = maxIdleConnections;
    }

    /** The most recently used idle connection to the URI's host, or a new one. */
    Lease lease(URI uri) {
        ConnectionKey key = key(uri);
        ConcurrentLinkedDeque<Idle> pool = pool(key);
        long now = System.nanoTime();
        Idle candidate;
        while ((candidate = pool.pollFirst()) != null) {
            if (now - candidate.sinceNanos() <= maxIdle.toNanos() && candidate.connection().isConnected()) {
                evictExpired(pool, now);
                return new Lease(candidate.connection(), true);
            }
            candidate.connection().closeResource();
        }
        return fresh(uri);
    }

    /** A new connection to the URI's host; it joins the pool when its response has been read to the end. */
    Lease fresh(URI uri) {
        ConnectionKey key = key(uri);
        ConcurrentLinkedDeque<Idle> pool = pool(key);
        TcpClientConnection connection = TcpClientConnection.create(client, key, HTTP_1_1, c -> release(pool, c), c -> { })
                .connect();
        return new Lease(connection, false);
    }

    int idleCount() {
        return idle.values().stream().mapToInt(ConcurrentLinkedDeque::size).sum();
    }

    /** Called by Helidon once a response was fully read on a keep-alive connection; false makes Helidon close it. */
    private boolean release(ConcurrentLinkedDeque<Idle> pool, TcpClientConnection connection) {
        if (closed.get() || !connection.isConnected() || pool.size() >= maxIdleConnections) {
            return false;
        }
        pool.offerFirst(new Idle(connection, System.nanoTime()));
        if (closed.get()) {
            closeAll(pool); // close() ran meanwhile
        }
        return true;
    }

    /** The oldest connections sit at the tail; close those nobody should reuse any more. */
    private void evictExpired(ConcurrentLinkedDeque<Idle> pool, long now) {
        Idle oldest;
        while ((oldest = pool.peekLast()) != null && now - oldest.sinceNanos() > maxIdle.toNanos()) {
            if (pool.removeLastOccurrence(oldest)) {
                oldest.connection().closeResource();
            }
        }
    }

    private ConcurrentLinkedDeque<Idle> pool(ConnectionKey key) {
        if (closed.get()) {
            throw new IllegalStateException("the upstream connections are closed");
        }
        return idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
    }

    private ConnectionKey key(URI uri) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        WebClientConfig config = client.prototype();
        return ConnectionKey.create(https ? "https" : "http", uri.getHost(), port,
                https ? tls : PLAIN, config.dnsResolver(), config.dnsAddressLookup(), Proxy.noProxy());
    }

    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            idle.values().forEach(AnswerConnections::closeAll);
        }
    }

    private static void closeAll(ConcurrentLinkedDeque<Idle> pool) {
        Idle next;
        while ((next = pool.pollFirst()) != null) {
            next.connection().closeResource();
        }
    }
}
