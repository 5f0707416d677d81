package dev.tiergate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputRatiosTest {
    @Test
    void usesTheRatioOfSumsOnceACategoryHasEnoughPairs() {
        OutputRatios ratios = new OutputRatios(2);
        ratios.record("code", 100, 150);
        assertThat(ratios.estimate("code")).isEqualTo(new OutputRatios.Estimate(1.0, "default", 1));

        ratios.record("code", 100, 250);

        assertThat(ratios.estimate("code")).isEqualTo(new OutputRatios.Estimate(2.0, "ratio", 2));
        assertThat(ratios.estimate("chat").source()).isEqualTo("default");
    }

    @Test
    void ignoresEmptyAnswersAndClampsWildRatios() {
        OutputRatios ratios = new OutputRatios(1);
        ratios.record("chat", 0, 100);
        assertThat(ratios.estimate("chat").samples()).isZero();

        ratios.record("chat", 1, 1000);
        assertThat(ratios.estimate("chat").ratio()).isEqualTo(10.0);
    }
}
