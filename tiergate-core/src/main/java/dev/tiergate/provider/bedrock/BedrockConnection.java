package dev.tiergate.provider.bedrock;

import dev.tiergate.ladder.ModelEndpoint;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/** The SDK client of one Bedrock endpoint, with the credentials provider it owns. */
record BedrockConnection(BedrockRuntimeAsyncClient client, AwsCredentialsProvider credentials) implements AutoCloseable {
    static final String DEFAULT_REGION = "us-east-1";
    private static final int MAX_CONNECTIONS = 256;

    /**
     * The async (netty) client serves both Converse and ConverseStream, so one HTTP stack covers both. SDK retries
     * are off because the dispatcher retries with its own budget and failover; netty's read timeout is only a
     * backstop behind the per-call deadline that {@code CallGuard} enforces. The SDK manages its own event loops:
     * with a caller-supplied event loop group, a few percent of refused connections were never reported in our
     * tests (SDK 2.54, netty 4.1), leaving the call to the first-token timeout instead of failing over at once.
     */
    static BedrockConnection open(ModelEndpoint endpoint) {
        AwsCredentialsProvider credentials = credentials(endpoint);
        Duration total = endpoint.timeouts().total();
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                .connectionTimeout(endpoint.timeouts().connect())
                .readTimeout(total.plusSeconds(1))
                .maxConcurrency(MAX_CONNECTIONS)
                // Converse and ConverseStream work over HTTP/1.1, where closing a connection is how a stream is cancelled
                .protocol(Protocol.HTTP1_1);
        String region = endpoint.region() == null || endpoint.region().isBlank() ? DEFAULT_REGION : endpoint.region();
        var builder = BedrockRuntimeAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(http)
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (endpoint.baseUrl() != null) {
            builder.endpointOverride(endpoint.baseUrl());
        }
        return new BedrockConnection(builder.build(), credentials);
    }

    /**
     * Static credentials when the endpoint has them, else the default chain (environment, profile, SSO, container
     * and instance roles), resolved lazily at the first call.
     */
    private static AwsCredentialsProvider credentials(ModelEndpoint endpoint) {
        if (endpoint.awsAccessKeyId().isPresent() && endpoint.awsSecretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    endpoint.awsAccessKeyId().value(), endpoint.awsSecretAccessKey().value()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * Releases the client in the background: netty's graceful shutdown waits out a two-second quiet period, which
     * nobody closing a provider (a config reload, a test) should have to sit through.
     */
    @Override
    public void close() {
        Thread.ofVirtual().name("tiergate-bedrock-close").start(() -> {
            client.close();
            if (credentials instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // releasing credential-refresh threads is best effort
                }
            }
        });
    }
}
