package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    @Test
    void callsToALimitedModelAreSpacedAndOthersAreNot() throws Exception {
        RateLimits limits = new RateLimits(Map.of("judge", 600.0)); // one call per 100 ms

        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            limits.acquire("judge");
        }
        long limitedMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            limits.acquire("cheap");
        }
        long freeMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(limitedMillis).as("three gaps of 100 ms").isGreaterThanOrEqualTo(290);
        assertThat(freeMillis).isLessThan(limitedMillis);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new RateLimits(Map.of("judge", 0.0))).isInstanceOf(EvalException.class)
                .hasMessageContaining("rate limit of judge must be a positive number");
    }
}
