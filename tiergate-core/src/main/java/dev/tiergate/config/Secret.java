package dev.tiergate.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A credential that never prints itself: {@code toString()} is masked so it cannot leak into logs. */
public record Secret(String value) {
    public static final Secret NONE = new Secret("");

    public Secret {
        value = value == null ? "" : value;
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    /** Constant-time comparison, so response timing does not reveal how much of a guessed key was right. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return isPresent() ? "Secret[***]" : "Secret[none]";
    }
}
