package dev.tiergate.dispatch;

import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The order in which a tier's models are tried: config order (failover) or rotated per request (round robin),
 * with cooling models moved to the back so they are only a last resort.
 */
final class EndpointOrder {
    private final ConcurrentHashMap<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
    private final Cooldowns cooldowns;

    EndpointOrder(Cooldowns cooldowns) {
        this.cooldowns = cooldowns;
    }

    List<ModelEndpoint> order(Tier tier) {
        List<ModelEndpoint> models = tier.models();
        int start = tier.balance() == Tier.Balance.ROUND_ROBIN
                ? Math.floorMod(cursors.computeIfAbsent(tier.name(), k -> new AtomicInteger()).getAndIncrement(), models.size())
                : 0;
        List<ModelEndpoint> healthy = new ArrayList<>();
        List<ModelEndpoint> cooling = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            ModelEndpoint model = models.get((start + i) % models.size());
            (cooldowns.isCooling(model.name()) ? cooling : healthy).add(model);
        }
        healthy.addAll(cooling);
        return healthy;
    }
}
