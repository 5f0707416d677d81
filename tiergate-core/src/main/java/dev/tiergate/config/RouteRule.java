package dev.tiergate.config;

import java.util.List;

/**
 * One entry of a {@code rules} route: when every condition holds, the request goes to {@code tier}, or is decided
 * by {@code strategy} (exactly one of them is set).
 *
 * @param index    position in the list, for reasons and headers ("rule 2")
 * @param tier     a tier name, or null
 * @param strategy a router strategy name (classifier, length, cascade...), or null
 */
public record RouteRule(int index, List<RuleCondition> when, String tier, String strategy) {
    public RouteRule {
        when = List.copyOf(when);
    }
}
