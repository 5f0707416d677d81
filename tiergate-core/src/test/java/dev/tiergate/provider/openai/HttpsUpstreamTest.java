package dev.tiergate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.RetryPolicy;
import dev.tiergate.config.Secret;
import dev.tiergate.config.Timeouts;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pricing.Price;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderKind;
import dev.tiergate.testing.RecordingListener;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real upstreams are HTTPS. Both clients (WebClient for whole answers, the JDK client for streams) must verify the
 * server against the JVM's default trust, as configured with the usual {@code javax.net.ssl.*} settings: a
 * certificate the JVM trusts works, an unknown one is refused.
 */
class HttpsUpstreamTest {
    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"over tls\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";
    private static final String STREAM = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"over tls\"},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\ndata: [DONE]\n\n";

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static HttpsServer wrongName;
    private static SSLContext trusting;

    @BeforeAll
    static void startHttpsUpstreams() throws Exception {
        KeyStore matching = keystore("upstream", "SAN=ip:127.0.0.1,dns:localhost");
        KeyStore elsewhere = keystore("elsewhere", "SAN=dns:elsewhere.example");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("upstream", matching.getCertificate("upstream"));
        trusted.setCertificateEntry("elsewhere", elsewhere.getCertificate("elsewhere"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trust.getTrustManagers(), null);
        server = start(matching);
        wrongName = start(elsewhere);
    }

    private static KeyStore keystore(String alias, String san) throws Exception {
        Path file = dir.resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-dname", "CN=" + alias, "-ext", san, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    private static HttpsServer start(KeyStore identity) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        https.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        https.createContext("/v1/chat/completions", exchange -> {
            boolean stream = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).contains("\"stream\":true");
            byte[] body = (stream ? STREAM : ANSWER).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", stream ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        https.start();
        return https;
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        wrongName.stop(0);
    }

    @Test
    void anUpstreamTheJvmTrustsAnswersWholeAndStreamed() throws Exception {
        SSLContext previous = SSLContext.getDefault();
        SSLContext.setDefault(trusting);
        try (OpenAiProvider provider = new OpenAiProvider(endpoint(server))) {
            assertThat(provider.complete(hello(), CallContext.unbounded()).text()).isEqualTo("over tls");
            RecordingListener listener = RecordingListener.recording();
            assertThat(provider.stream(hello(), CallContext.unbounded(), listener).text()).isEqualTo("over tls");
        } finally {
            SSLContext.setDefault(previous);
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        SSLContext previous = SSLContext.getDefault();
        SSLContext.setDefault(trusting);
        try (OpenAiProvider provider = new OpenAiProvider(endpoint(wrongName))) {
            ProviderException whole = catchThrowableOfType(ProviderException.class,
                    () -> provider.complete(hello(), CallContext.unbounded()));
            ProviderException streamed = catchThrowableOfType(ProviderException.class,
                    () -> provider.stream(hello(), CallContext.unbounded(), RecordingListener.recording()));

            assertThat(whole).as("whole answer").isNotNull();
            assertThat(streamed).as("stream").isNotNull();
            assertThat(causes(whole)).containsIgnoringCase("subject alternative");
            assertThat(causes(streamed)).containsIgnoringCase("subject alternative");
        } finally {
            SSLContext.setDefault(previous);
        }
    }

    @Test
    void anUpstreamWithAnUnknownCertificateIsRefused() {
        try (OpenAiProvider provider = new OpenAiProvider(endpoint(server))) {
            ProviderException whole = catchThrowableOfType(ProviderException.class,
                    () -> provider.complete(hello(), CallContext.unbounded()));
            ProviderException streamed = catchThrowableOfType(ProviderException.class,
                    () -> provider.stream(hello(), CallContext.unbounded(), RecordingListener.recording()));

            assertThat(causes(whole)).containsIgnoringCase("certificat");
            assertThat(causes(streamed)).containsIgnoringCase("certificat");
        }
    }

    private static ModelEndpoint endpoint(HttpsServer upstream) {
        return new ModelEndpoint("tls", ProviderKind.OPENAI, "m",
                URI.create("https://127.0.0.1:" + upstream.getAddress().getPort() + "/v1"), new Secret("k"), "", Price.FREE,
                Timeouts.DEFAULT, RetryPolicy.NONE, Map.of(), Secret.NONE, Secret.NONE, List.of());
    }

    private static ChatRequest hello() {
        ObjectNode body = Json.object();
        body.put("model", "auto");
        body.putArray("messages").addObject().put("role", "user").put("content", "hi");
        return new ChatRequest(body);
    }

    private static String causes(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }
}
