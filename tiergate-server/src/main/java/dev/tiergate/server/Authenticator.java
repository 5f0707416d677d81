package dev.tiergate.server;

import dev.tiergate.config.AuthConfig;
import dev.tiergate.pipeline.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;

/**
 * Checks the gateway key from {@code Authorization: Bearer} (OpenAI clients) or {@code x-api-key} (Anthropic
 * clients). Returns the key's id for the ledger; the key itself is never kept or logged.
 */
final class Authenticator {
    static final String ANONYMOUS = "anonymous";
    private final AuthConfig auth;

    Authenticator(AuthConfig auth) {
        this.auth = auth;
    }

    String authenticate(ServerRequest req) {
        if (!auth.enabled()) {
            return ANONYMOUS;
        }
        String presented = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .or(() -> req.headers().first(HeaderNames.create("x-api-key")))
                .orElse(null);
        if (presented == null || presented.isEmpty()) {
            throw new GatewayException(401, "invalid_request_error", "invalid_api_key", null,
                    "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.", List.of());
        }
        return auth.authenticate(presented).orElseThrow(() -> new GatewayException(401, "invalid_request_error",
                "invalid_api_key", null, "Incorrect API key provided.", List.of()));
    }
}
