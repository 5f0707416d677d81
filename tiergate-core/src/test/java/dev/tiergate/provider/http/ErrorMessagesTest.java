package dev.tiergate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.config.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

    private static String extract(String body) {
        return ErrorMessages.extract(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEachProvidersErrorShape() {
        assertThat(extract("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")).isEqualTo("Rate limit reached");
        assertThat(extract("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isEqualTo("Overloaded");
        assertThat(extract("{\"message\":\"The security token included in the request is invalid.\"}"))
                .isEqualTo("The security token included in the request is invalid.");
        assertThat(extract("{\"detail\":\"Model not found\"}")).isEqualTo("Model not found");
        assertThat(extract("{\"error\":\"model is loading\"}")).isEqualTo("model is loading");
    }

    @Test
    void fallsBackToShortenedText() {
        assertThat(extract("<html>\n  <body>502 Bad Gateway</body>\n</html>")).isEqualTo("<html> <body>502 Bad Gateway</body> </html>");
        assertThat(extract("x".repeat(2000))).hasSize(503);
        assertThat(extract("")).isEmpty();
    }

    @Test
    void redactsKeys() {
        assertThat(ErrorMessages.redact("bad key my-secret-key-123", new Secret("my-secret-key-123")))
                .isEqualTo("bad key ***");
        assertThat(ErrorMessages.redact("Incorrect API key provided: sk-proj-AbC123xyz789.")).doesNotContain("AbC123xyz789");
    }
}
