package dev.tiergate.router;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.RouteRule;
import dev.tiergate.ladder.Ladder;
import java.util.List;
import java.util.Map;

/**
 * {@code rules}: explicit first-match rules on request features, in front of a fallback strategy. Rules handle what
 * is known for certain (tools need the frontier, this team's header means cheap), and the fallback (typically the
 * learned classifier) scores the rest: together they are the hybrid router. A rule either names a tier or hands the
 * request to another strategy, whose score and threshold are kept so confidence blending still works.
 */
public final class RulesRouter implements Router {
    /** A rule and what it does when it matches: a fixed tier or another strategy, both as a router. */
    public record Rule(RouteRule spec, Router action) {}

    private final List<Rule> rules;
    private final Router fallback;

    public RulesRouter(List<Rule> rules, Router fallback) {
        this.rules = List.copyOf(rules);
        this.fallback = fallback;
    }

    @Override
    public RoutingDecision decide(ChatRequest request, Ladder ladder) {
        return decide(request, Map.of(), ladder);
    }

    @Override
    public RoutingDecision decide(ChatRequest request, Map<String, String> headers, Ladder ladder) {
        for (Rule rule : rules) {
            if (rule.spec().when().stream().allMatch(c -> RuleMatcher.matches(c, request, headers))) {
                RoutingDecision inner = rule.action().decide(request, headers, ladder);
                return new RoutingDecision(inner.tierIndex(), inner.score(), inner.threshold(), strategy(),
                        "rule " + (rule.spec().index() + 1) + ": " + inner.reason());
            }
        }
        RoutingDecision inner = fallback.decide(request, headers, ladder);
        return new RoutingDecision(inner.tierIndex(), inner.score(), inner.threshold(), strategy(),
                "no rule matched; " + fallback.strategy() + ": " + inner.reason());
    }

    @Override
    public String strategy() {
        return "rules";
    }
}
