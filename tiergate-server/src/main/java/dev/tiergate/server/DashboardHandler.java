package dev.tiergate.server;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /}: one self-contained page (inline SVG, CSS and JS, no CDN) that draws the savings report from
 * {@code /v1/report}. The page holds no data itself, so it is served without a key; the report it fetches is not.
 * The content-security policy forbids every outside source, so the page provably works offline.
 */
final class DashboardHandler implements Handler {
    private static final String CSP = "default-src 'none'; connect-src 'self'; script-src 'unsafe-inline'; "
            + "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
    private final byte[] page;

    DashboardHandler() {
        try (InputStream in = DashboardHandler.class.getResourceAsStream("/dev/tiergate/server/dashboard.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard.html is missing from the jar");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.create("Content-Security-Policy"), CSP);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(page);
    }
}
