package dev.tiergate.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.Usage;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;

/**
 * A routing decision explained without calling any model: where the request would go and what it would cost
 * there versus on the frontier, for the same estimated token counts.
 *
 * @param inputTokens  estimated from the prompt (about four characters per token)
 * @param outputTokens the request's max_tokens when set, else the caller's assumption
 */
public record RouteProjection(String route, RoutingDecision decision, Tier tier, ModelEndpoint model, ModelEndpoint frontier,
                              long inputTokens, long outputTokens, double projectedCostUsd, double frontierCostUsd) {

    public static RouteProjection of(String route, RoutingDecision decision, Ladder ladder, ChatRequest request, int assumedOutputTokens) {
        Tier tier = ladder.tier(decision.tierIndex());
        ModelEndpoint frontier = ladder.frontier().primary();
        long input = Math.max(1, LengthRouter.estimateTokens(request.allText()));
        long output = request.maxTokens().orElse(assumedOutputTokens);
        Usage usage = new Usage(input, 0, output);
        return new RouteProjection(route, decision, tier, tier.primary(), frontier, input, output,
                tier.primary().price().cost(usage), frontier.price().cost(usage));
    }

    /** Share of the frontier cost saved, 0..1 (0 when the frontier is free). */
    public double savings() {
        return frontierCostUsd == 0 ? 0 : 1 - projectedCostUsd / frontierCostUsd;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("route", route);
        o.put("strategy", decision.strategy());
        o.put("tier", tier.name());
        o.put("tier_index", decision.tierIndex());
        o.put("model", model.name());
        o.put("upstream_model", model.model());
        putNumber(o, "score", decision.score());
        putNumber(o, "threshold", decision.threshold());
        o.put("reason", decision.reason());
        o.put("input_tokens", inputTokens);
        o.put("output_tokens", outputTokens);
        o.put("projected_cost_usd", projectedCostUsd);
        o.put("frontier_model", frontier.name());
        o.put("frontier_cost_usd", frontierCostUsd);
        o.put("savings", savings());
        return o;
    }

    private static void putNumber(ObjectNode o, String field, double value) {
        if (Double.isNaN(value)) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }
}
