// The floor under Tiergate's request path: the same HTTP stack (Helidon 4 WebServer on virtual threads + the JDK
// HttpClient to the upstream) with no gateway logic, in several client modes, to tell the stack's own cost from
// Tiergate's. Run with Tiergate's jar on the class path (it holds Helidon), JDK 21+:
//   java -cp tiergate-cli/target/tiergate.jar bench/experiments/ProxyFloor.java MODE [PORT=4200] [UPSTREAM=http://127.0.0.1:9100]
// MODE: static        answer a fixed body, no upstream call (Helidon alone)
//       async         sendAsync(ofInputStream) + get() + readAllBytes, default executor (what HttpTransport does)
//       async-direct  the same with HttpClient.Builder.executor(Runnable::run): no hop through the client's worker pool
//       sync          send(ofByteArray) on the request's virtual thread
//       webclient     Helidon WebClient (blocking I/O on the request's virtual thread, pooled keep-alive connections);
//                     (what Tiergate's HttpTransport did for whole answers in session 2)
//       webclient-own Helidon WebClient on connections this program pools itself (ClientRequest.connection): no idle
//                     monitor virtual thread per pooled connection; a failure on a reused connection retries once
//                     on a new one
// Measured by bench/experiments/floor.sh.
import io.helidon.webserver.WebServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

public class ProxyFloor {
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "async";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 4200;
        URI upstream = URI.create((args.length > 2 ? args[2] : "http://127.0.0.1:9100") + "/v1/chat/completions");
        byte[] fixed = Files.readAllBytes(Path.of(System.getProperty("floor.body", "bench/upstream/completion.json")));
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        if (mode.equals("async-direct")) {
            builder.executor(Runnable::run);
        }
        HttpClient client = builder.build();
        io.helidon.webclient.api.WebClient webClient = mode.startsWith("webclient")
                ? io.helidon.webclient.api.WebClient.builder().baseUri(upstream.resolve("/")).build() : null;
        OwnPool pool = mode.equals("webclient-own") ? new OwnPool(webClient, upstream) : null;
        WebServer server = WebServer.builder().host("127.0.0.1").port(port).routing(r -> r.post("/v1/chat/completions", (req, res) -> {
            byte[] in = req.content().as(byte[].class);
            byte[] out;
            if (mode.equals("static")) {
                out = fixed;
            } else {
                HttpRequest up = HttpRequest.newBuilder(upstream).timeout(Duration.ofSeconds(30))
                        .header("content-type", "application/json").header("authorization", "Bearer bench")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(in)).build();
                if (pool != null) {
                    out = pool.post(in);
                } else if (mode.equals("webclient")) {
                    try (var resp = webClient.post("/v1/chat/completions").header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json")
                            .header(io.helidon.http.HeaderNames.AUTHORIZATION, "Bearer bench").submit(in)) {
                        try (InputStream body = resp.inputStream()) {
                            out = body.readAllBytes();
                        }
                    }
                } else if (mode.equals("sync")) {
                    out = client.send(up, HttpResponse.BodyHandlers.ofByteArray()).body();
                } else {
                    HttpResponse<InputStream> resp = client.sendAsync(up, HttpResponse.BodyHandlers.ofInputStream()).get();
                    try (InputStream body = resp.body()) {
                        out = body.readAllBytes();
                    }
                }
            }
            res.header("content-type", "application/json");
            res.send(out);
        })).build().start();
        System.err.println("ProxyFloor " + mode + " on 127.0.0.1:" + server.port());
        Thread.currentThread().join();
    }

    static final class OwnPool {
        private final io.helidon.webclient.api.WebClient client;
        private final io.helidon.webclient.api.ConnectionKey key;
        private final java.util.concurrent.ConcurrentLinkedDeque<io.helidon.webclient.api.TcpClientConnection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();

        OwnPool(io.helidon.webclient.api.WebClient client, URI upstream) {
            this.client = client;
            var config = client.prototype();
            this.key = io.helidon.webclient.api.ConnectionKey.create(upstream.getScheme(), upstream.getHost(), upstream.getPort(),
                    io.helidon.common.tls.Tls.builder().enabled(false).build(), config.dnsResolver(), config.dnsAddressLookup(),
                    io.helidon.webclient.api.Proxy.noProxy());
        }

        byte[] post(byte[] in) throws java.io.IOException {
            io.helidon.webclient.api.TcpClientConnection reused = idle.pollFirst();
            if (reused != null) {
                try {
                    return send(reused, in);
                } catch (RuntimeException stale) {
                    reused.closeResource();
                }
            }
            return send(fresh(), in);
        }

        private io.helidon.webclient.api.TcpClientConnection fresh() {
            return io.helidon.webclient.api.TcpClientConnection.create(client, key, java.util.List.of("http/1.1"),
                    c -> c.isConnected() && idle.offerFirst(c), c -> { }).connect();
        }

        private byte[] send(io.helidon.webclient.api.TcpClientConnection connection, byte[] in) throws java.io.IOException {
            try (var resp = client.post("/v1/chat/completions").connection(connection)
                    .header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json")
                    .header(io.helidon.http.HeaderNames.AUTHORIZATION, "Bearer bench").submit(in)) {
                try (InputStream body = resp.inputStream()) {
                    return body.readAllBytes();
                }
            }
        }
    }
}
