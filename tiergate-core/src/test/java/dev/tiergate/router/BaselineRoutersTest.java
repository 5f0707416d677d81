package dev.tiergate.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.Tier;
import dev.tiergate.pricing.Price;
import dev.tiergate.testing.Endpoints;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineRoutersTest {

    static ChatRequest request(String text) {
        ObjectNode body = Json.object();
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return new ChatRequest(body);
    }

    static Ladder ladder(int n) {
        List<Tier> tiers = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            tiers.add(new Tier(i, "t" + i, List.of(Endpoints.scripted("m" + i, Price.of(i, i))), Tier.Balance.FAILOVER));
        }
        return new Ladder(tiers);
    }

    @Test
    void complexityScoresHardPromptsAboveTrivialOnes() {
        double easy = ComplexityRouter.score("hi");
        double hard = ComplexityRouter.score("Explain step by step why this Python function is O(n log n), then prove "
                + "the recurrence T(n) = 2T(n/2) + n and analyze the trade-offs of a detailed alternative design. ".repeat(3));
        assertThat(easy).isLessThan(0.2);
        assertThat(hard).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        ComplexityRouter r = new ComplexityRouter(0.35);
        assertThat(r.decide(request("hi"), ladder(2)).tierIndex()).isZero();
        assertThat(r.decide(request("Explain step by step why quicksort is O(n log n) and prove it. ".repeat(5)), ladder(3)).tierIndex())
                .isEqualTo(2);
    }

    @Test
    void seededRandomIsDeterministicAndRoughlyBalanced() {
        RandomRouter r = new RandomRouter(0.5, 42L);
        assertThat(r.score("same prompt")).isEqualTo(r.score("same prompt"));
        int strong = 0;
        for (int i = 0; i < 2000; i++) {
            strong += r.decide(request("prompt " + i), ladder(2)).tierIndex();
        }
        assertThat(strong).isBetween(900, 1100);
        assertThat(new RandomRouter(Double.NaN, null).decide(request("x"), ladder(4)).tierIndex()).isBetween(0, 3);
    }
}
