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
import java.util.concurrent.atomic.AtomicInteger;

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
    private final long maxIdleNanos;
    private final int maxIdleConnections;
    /** One pool per scheme and authority; an endpoint normally needs exactly one. */
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Idle(TcpClientConnection connection, long sinceNanos) {}

    /** A connection for one call, and whether it served an earlier call (then it may have gone stale). */
    record Lease(TcpClientConnection connection, boolean reused) {}

    /** Idle connections to one host, most recently used first; the count is kept apart (the deque's size() walks it). */
    private final class Pool {
        final ConnectionKey key;
        final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
        final AtomicInteger size = new AtomicInteger();

        Pool(ConnectionKey key) {
            this.key = key;
        }

        Idle pollNewest() {
            Idle newest = idle.pollFirst();
            if (newest != null) {
                size.decrementAndGet();
            }
            return newest;
        }

        /** Called by Helidon once a response was fully read on a keep-alive connection; false makes Helidon close it. */
        boolean release(TcpClientConnection connection) {
            if (closed.get() || !connection.isConnected()) {
                return false;
            }
            if (size.incrementAndGet() > maxIdleConnections) {
                size.decrementAndGet();
                return false;
            }
            idle.offerFirst(new Idle(connection, System.nanoTime()));
            if (closed.get()) {
                closeAll(); // close() ran meanwhile
            }
            return true;
        }

        /** The oldest connections sit at the tail; close those nobody should reuse any more. */
        void evictExpired(long now) {
            Idle oldest;
            while ((oldest = idle.peekLast()) != null && now - oldest.sinceNanos() > maxIdleNanos) {
                if (idle.removeLastOccurrence(oldest)) {
                    size.decrementAndGet();
                    oldest.connection().closeResource();
                }
            }
        }

        void closeAll() {
            Idle next;
            while ((next = pollNewest()) != null) {
                next.connection().closeResource();
            }
        }
    }

    AnswerConnections(WebClient client, Tls tls, Duration maxIdle, int maxIdleConnections) {
        this.client = client;
        this.tls = tls;
        this.maxIdleNanos = maxIdle.toNanos();
        this.maxIdleConnections = maxIdleConnections;
    }

    /** The most recently used idle connection to the URI's host, or a new one. */
    Lease lease(URI uri) {
        Pool pool = pool(uri);
        long now = System.nanoTime();
        Idle candidate;
        while ((candidate = pool.pollNewest()) != null) {
            if (now - candidate.sinceNanos() <= maxIdleNanos && candidate.connection().isConnected()) {
                pool.evictExpired(now);
                return new Lease(candidate.connection(), true);
            }
            candidate.connection().closeResource();
        }
        return fresh(pool);
    }

    /** A new connection to the URI's host; it joins the pool when its response has been read to the end. */
    Lease fresh(URI uri) {
        return fresh(pool(uri));
    }

    private Lease fresh(Pool pool) {
        TcpClientConnection connection = TcpClientConnection.create(client, pool.key, HTTP_1_1, pool::release, c -> { })
                .connect();
        return new Lease(connection, false);
    }

    private Pool pool(URI uri) {
        if (closed.get()) {
            throw new IllegalStateException("the upstream connections are closed");
        }
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        Pool pool = pools.get(origin);
        return pool != null ? pool : pools.computeIfAbsent(origin, o -> new Pool(key(uri)));
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
            pools.values().forEach(Pool::closeAll);
        }
    }
}
