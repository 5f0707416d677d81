package dev.tiergate.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;

/** A successful (2xx) upstream response whose body has not been read yet. Closing it releases the connection. */
public record UpstreamResponse(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing only releases the connection; nothing to recover
        }
    }
}
