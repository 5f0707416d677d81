package dev.tiergate.router;

import dev.tiergate.config.RouteConfig;
import dev.tiergate.config.RouteRule;
import dev.tiergate.config.RouteRules;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.router.learned.LearnedRouter;
import java.util.List;

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
            case "cascade" -> new CascadeRouter();
            case LearnedRouter.STRATEGY -> LearnedRouter.fromConfig(route);
            case ComplexityRouter.STRATEGY -> ComplexityRouter.fromConfig(route);
            case RandomRouter.STRATEGY -> RandomRouter.fromConfig(route);
            case "rules" -> rules(route, ladder);
            default -> throw new IllegalArgumentException("strategy '" + route.strategy() + "' is not available in this build");
        };
    }

    /** Each rule's action and the fallback are built like routes of their own, sharing the route's other settings. */
    private static Router rules(RouteConfig route, Ladder ladder) {
        List<RulesRouter.Rule> rules = RouteRules.of(route).stream()
                .map(rule -> new RulesRouter.Rule(rule, action(rule, route, ladder)))
                .toList();
        String fallback = route.raw().path("fallback").asText("fixed");
        return new RulesRouter(rules, create(as(route, fallback), ladder));
    }

    private static Router action(RouteRule rule, RouteConfig route, Ladder ladder) {
        if (rule.tier() != null) {
            int tier = ladder.byName(rule.tier()).orElseThrow().index();
            return new FixedRouter(tier, "tier " + rule.tier());
        }
        return create(as(route, rule.strategy()), ladder);
    }

    private static RouteConfig as(RouteConfig route, String strategy) {
        return new RouteConfig(route.name(), strategy, route.threshold(), route.tier(), route.raw());
    }
}
