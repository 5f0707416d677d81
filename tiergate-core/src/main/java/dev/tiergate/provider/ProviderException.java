package dev.tiergate.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * Why an upstream call failed, classified for the retry logic: {@link Kind#retryable()} decides whether another
 * attempt (or another model) may help. Messages never contain credentials.
 */
public final class ProviderException extends Exception {

    public enum Kind {
        CONNECT(true),
        TIMEOUT_CONNECT(true),
        TIMEOUT_FIRST_TOKEN(true),
        TIMEOUT_TOTAL(false),
        RATE_LIMITED(true),
        SERVER_ERROR(true),
        /** The upstream rejected the request itself (4xx other than 408/429): retrying cannot help. */
        CLIENT_ERROR(false),
        /** The upstream answered with something that is not its documented wire format. */
        PROTOCOL(true),
        /** The stream broke after tokens had reached the client: it cannot be retried transparently. */
        STREAM_BROKEN(false),
        /** Our own client went away; nothing more to do. */
        CANCELLED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final boolean midStream;

    public ProviderException(Kind kind, int status, String message, Duration retryAfter, boolean midStream, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.midStream = midStream;
    }

    public ProviderException(Kind kind, String message) {
        this(kind, 0, message, null, false, null);
    }

    public ProviderException(Kind kind, String message, Throwable cause) {
        this(kind, 0, message, null, false, cause);
    }

    /** Classifies an upstream HTTP error status. */
    public static ProviderException http(int status, String message, Duration retryAfter) {
        Kind kind = status == 429 ? Kind.RATE_LIMITED
                : status == 408 || status >= 500 ? Kind.SERVER_ERROR
                : Kind.CLIENT_ERROR;
        return new ProviderException(kind, status, message, retryAfter, false, null);
    }

    public ProviderException asMidStream() {
        return new ProviderException(Kind.STREAM_BROKEN, status, getMessage(), retryAfter, true, this);
    }

    public Kind kind() {
        return kind;
    }

    /** Upstream HTTP status, or 0 when there was no HTTP response. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean midStream() {
        return midStream;
    }

    public boolean retryable() {
        return kind.retryable() && !midStream;
    }

    public boolean isTimeout() {
        return kind == Kind.TIMEOUT_CONNECT || kind == Kind.TIMEOUT_FIRST_TOKEN || kind == Kind.TIMEOUT_TOTAL;
    }
}
