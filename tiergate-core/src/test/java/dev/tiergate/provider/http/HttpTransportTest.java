package dev.tiergate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.config.RetryPolicy;
import dev.tiergate.config.Secret;
import dev.tiergate.config.Timeouts;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pricing.Price;
import dev.tiergate.provider.ProviderException.Kind;
import dev.tiergate.provider.ProviderKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failures before the response headers, which loopback tests cannot all provoke (a connect timeout needs a black hole). */
class HttpTransportTest {
    private static final ModelEndpoint ENDPOINT = new ModelEndpoint("cheap", ProviderKind.OPENAI, "m",
            URI.create("http://127.0.0.1:1"), Secret.NONE, "", Price.FREE, Timeouts.DEFAULT, RetryPolicy.NONE, Map.of(),
            Secret.NONE, Secret.NONE, List.of());

    @Test
    void classifiesFailuresBeforeTheHeaders() {
        try (HttpTransport transport = new HttpTransport(ENDPOINT)) {
            assertThat(transport.classifySendFailure(new HttpConnectTimeoutException("connect timed out")).kind())
                    .isEqualTo(Kind.TIMEOUT_CONNECT);
            assertThat(transport.classifySendFailure(new HttpTimeoutException("request timed out")).kind())
                    .isEqualTo(Kind.TIMEOUT_FIRST_TOKEN);
            assertThat(transport.classifySendFailure(new IOException("wrapped", new ConnectException("refused"))).kind())
                    .isEqualTo(Kind.CONNECT);
            assertThat(transport.classifySendFailure(new IOException("Connection reset")).kind())
                    .isEqualTo(Kind.CONNECT);
        }
    }
}
