package dev.tiergate.config;

import java.util.List;

/**
 * Gateway keys. With none configured the gateway is open (fine on loopback); with any, every request needs
 * {@code Authorization: Bearer <key>}. Each key has a non-secret id for the ledger, so keys are never stored.
 */
public record AuthConfig(List<Key> keys) {
    public static final AuthConfig OPEN = new AuthConfig(List.of());

    public record Key(String id, Secret secret) {}

    public AuthConfig {
        keys = List.copyOf(keys);
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** The id of the matching key. Every key is compared, in constant time, so timing reveals nothing. */
    public java.util.Optional<String> authenticate(String presented) {
        String match = null;
        for (Key key : keys) {
            if (key.secret().matches(presented) && match == null) {
                match = key.id();
            }
        }
        return java.util.Optional.ofNullable(match);
    }
}
