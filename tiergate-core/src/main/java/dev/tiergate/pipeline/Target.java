package dev.tiergate.pipeline;

import dev.tiergate.config.RouteConfig;
import dev.tiergate.router.Router;
import java.util.Optional;

/**
 * What a request's {@code model} named: a route (routed across the ladder), a tier, or one model (pinned).
 *
 * @param route the route's config; empty for a tier or model addressed directly
 */
public record Target(String name, Kind kind, Router router, Optional<String> pinnedModel, Optional<RouteConfig> route) {
    public enum Kind { ROUTE, TIER, MODEL }
}
