package dev.tiergate.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

class BedrockErrorsTest {

    @Test
    void throttlingIsRateLimitedWithRetryAfter() {
        ThrottlingException throttled = ThrottlingException.builder()
                .statusCode(429)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Too many requests")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(429).putHeader("Retry-After", "2").build())
                        .build())
                .build();

        ProviderException e = BedrockErrors.classify(new CompletionException(throttled), "bedrock");

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(2));
        assertThat(e.getMessage()).contains("Too many requests");
    }

    @Test
    void modelNotReadyIsAServerErrorDespiteIts429() {
        ProviderException e = BedrockErrors.classify(ModelNotReadyException.builder().statusCode(429).build(), "bedrock");

        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.status()).isEqualTo(429);
    }

    @Test
    void nettyConnectTimeoutIsAConnectTimeout() {
        SdkClientException failure = SdkClientException.create("Unable to execute HTTP request",
                new io.netty.channel.ConnectTimeoutException("connection timed out: /10.0.0.1:443"));

        assertThat(BedrockErrors.classify(failure, "bedrock").kind()).isEqualTo(Kind.TIMEOUT_CONNECT);
    }
}
