// The floor under Tiergate's request path: the same HTTP stack (Helidon 4 WebServer on virtual threads + the JDK
// HttpClient to the upstream) with no gateway logic, in several client modes, to tell the stack's own cost from
// Tiergate's. Run with Tiergate's jar on the class path (it holds Helidon), JDK 21+:
//   java -cp tiergate-cli/target/tiergate.jar bench/experiments/ProxyFloor.java MODE [PORT=4200] [UPSTREAM=http://127.0.0.1:9100]
// MODE: static        answer a fixed body, no upstream call (Helidon alone)
//       async         sendAsync(ofInputStream) + get() + readAllBytes, default executor (what HttpTransport does)
//       async-direct  the same with HttpClient.Builder.executor(Runnable::run): no hop through the client's worker pool
//       sync          send(ofByteArray) on the request's virtual thread
//       webclient     Helidon WebClient (blocking I/O on the request's virtual thread, pooled keep-alive connections);
//                     (what Tiergate's HttpTransport does for whole answers since session 2)
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
        io.helidon.webclient.api.WebClient webClient = mode.equals("webclient")
                ? io.helidon.webclient.api.WebClient.builder().baseUri(upstream.resolve("/")).build() : null;
        WebServer server = WebServer.builder().host("127.0.0.1").port(port).routing(r -> r.post("/v1/chat/completions", (req, res) -> {
            byte[] in = req.content().as(byte[].class);
            byte[] out;
            if (mode.equals("static")) {
                out = fixed;
            } else {
                HttpRequest up = HttpRequest.newBuilder(upstream).timeout(Duration.ofSeconds(30))
                        .header("content-type", "application/json").header("authorization", "Bearer bench")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(in)).build();
                if (mode.equals("webclient")) {
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
}
