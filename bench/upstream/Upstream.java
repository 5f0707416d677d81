// Loopback OpenAI-compatible upstream on the JDK's built-in HTTP server with virtual threads
// (an alternative to nginx.sh; see compare.sh). Usage: java Upstream.java PORT DELAY_MS   (JDK 21+)
// POST /v1/chat/completions: a fixed chat.completion with usage after DELAY_MS (Thread.sleep on a virtual thread).
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

public class Upstream {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9100;
        long delayMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Path dir = Path.of(System.getProperty("upstream.dir", "."));
        byte[] body = Files.readString(dir.resolve("completion.json")).trim().getBytes();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (!"POST".equals(exchange.getRequestMethod())
                        || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                if (delayMs > 0) {
                    Thread.sleep(delayMs);
                }
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        System.err.println("java upstream on 127.0.0.1:" + port + ", delay " + delayMs + " ms");
    }
}
