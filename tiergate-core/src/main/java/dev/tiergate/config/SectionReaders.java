package dev.tiergate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Readers of the small sections: server, auth, defaults and the shared timeout/retry blocks. */
final class SectionReaders {
    static final String MASTER_KEY_ENV = "TIERGATE_MASTER_KEY";

    private SectionReaders() {}

    static ServerConfig server(ConfigNode node) {
        node.onlyKeys(Set.of("host", "port", "max_body_bytes", "request_timeout"));
        ServerConfig d = ServerConfig.DEFAULT;
        return new ServerConfig(
                node.get("host").string(d.host()),
                node.get("port").integer(d.port(), 0, 65535),
                node.get("max_body_bytes").longValue(d.maxBodyBytes(), 1024),
                node.get("request_timeout").duration(d.requestTimeout()));
    }

    /** Keys from {@code auth.keys} (strings or {id, key}) plus {@code TIERGATE_MASTER_KEY}. */
    static AuthConfig auth(ConfigNode node, Function<String, String> env) {
        node.onlyKeys(Set.of("keys"));
        List<AuthConfig.Key> keys = new ArrayList<>();
        ConfigNode list = node.get("keys");
        if (list.present()) {
            if (!list.node().isArray()) {
                throw list.error("expected a list of keys", "write keys: [\"${TEAM_A_KEY}\"] or keys: [{id: team-a, key: \"${TEAM_A_KEY}\"}]");
            }
            for (ConfigNode entry : list.elements()) {
                if (entry.node().isObject()) {
                    entry.onlyKeys(Set.of("id", "key"));
                    keys.add(new AuthConfig.Key(entry.get("id").requiredString(), new Secret(entry.get("key").requiredString())));
                } else {
                    keys.add(new AuthConfig.Key("key-" + (keys.size() + 1), new Secret(entry.requiredString())));
                }
            }
        }
        String master = env.apply(MASTER_KEY_ENV);
        if (master != null && !master.isBlank()) {
            keys.add(new AuthConfig.Key("master", new Secret(master)));
        }
        return new AuthConfig(keys);
    }

    static Defaults defaults(ConfigNode node) {
        node.onlyKeys(Set.of("timeouts", "retry", "cooldown"));
        ConfigNode cooldown = node.get("cooldown").onlyKeys(Set.of("failures", "duration"));
        return new Defaults(
                timeouts(node.get("timeouts"), Timeouts.DEFAULT),
                retry(node.get("retry"), RetryPolicy.DEFAULT),
                new CooldownPolicy(
                        cooldown.get("failures").integer(CooldownPolicy.DEFAULT.failures(), 1, 1000),
                        cooldown.get("duration").duration(CooldownPolicy.DEFAULT.duration())));
    }

    static Timeouts timeouts(ConfigNode node, Timeouts fallback) {
        node.onlyKeys(Set.of("connect", "first_token", "total"));
        return new Timeouts(
                node.get("connect").duration(fallback.connect()),
                node.get("first_token").duration(fallback.firstToken()),
                node.get("total").duration(fallback.total()));
    }

    static RetryPolicy retry(ConfigNode node, RetryPolicy fallback) {
        node.onlyKeys(Set.of("max_retries", "initial_backoff", "max_backoff", "budget"));
        return new RetryPolicy(
                node.get("max_retries").integer(fallback.maxRetries(), 0, 10),
                node.get("initial_backoff").duration(fallback.initialBackoff()),
                node.get("max_backoff").duration(fallback.maxBackoff()),
                node.get("budget").duration(fallback.budget()));
    }
}
