package dev.tiergate.dispatch;

import dev.tiergate.config.CooldownPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Health of each model, shared by all requests: after {@code failures} consecutive retryable failures, or any
 * rate limit, a model is skipped until its cooldown ends, so one sick upstream does not add latency to every
 * request. A success resets it.
 */
public final class Cooldowns {
    private record Health(int consecutiveFailures, Instant coolingUntil) {}

    private final CooldownPolicy policy;
    private final Clock clock;
    private final ConcurrentHashMap<String, Health> health = new ConcurrentHashMap<>();

    public Cooldowns(CooldownPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public boolean isCooling(String endpoint) {
        Health h = health.get(endpoint);
        return h != null && h.coolingUntil() != null && clock.instant().isBefore(h.coolingUntil());
    }

    public void recordSuccess(String endpoint) {
        health.remove(endpoint);
    }

    public void recordFailure(String endpoint, boolean rateLimited) {
        health.compute(endpoint, (name, h) -> {
            int failures = (h == null ? 0 : h.consecutiveFailures()) + 1;
            boolean cool = rateLimited || failures >= policy.failures();
            return new Health(failures, cool ? clock.instant().plus(policy.duration()) : h == null ? null : h.coolingUntil());
        });
    }
}
