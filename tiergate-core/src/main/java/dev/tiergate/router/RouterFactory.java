package dev.tiergate.router;

import dev.tiergate.config.RouteConfig;
import dev.tiergate.ladder.Ladder;

/** Builds the router a route's {@code strategy} names. */
public final class RouterFactory {
    private RouterFactory() {}

    public static Router create(RouteConfig route, Ladder ladder) {
        return switch (route.strategy()) {
            case "fixed" -> {
                int tier = route.tier() == null ? 0 : ladder.byName(route.tier()).orElseThrow().index();
                yield new FixedRouter(tier, "route " + route.name() + " is fixed to tier " + ladder.tier(tier).name());
            }
            case "length" -> new LengthRouter(route.thresholdOr(LengthRouter.DEFAULT_THRESHOLD_TOKENS));
            default -> throw new IllegalArgumentException("strategy '" + route.strategy() + "' is not available in this build");
        };
    }
}
