package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpendMeterTest {

    @Test
    void aPromptStartsOnlyWhileTheSpendPlusWhatIsRunningStaysUnderTheCap() {
        SpendMeter meter = new SpendMeter(1.0, 0, 0);

        assertThat(meter.tryStart()).as("nothing known yet").isTrue();
        meter.finished(0.3); // 0.30 spent, 0.30 a prompt on average
        assertThat(meter.tryStart()).as("0.30 + 0 running").isTrue();
        assertThat(meter.tryStart()).as("0.30 + 1 × 0.30").isTrue();
        assertThat(meter.tryStart()).as("0.30 + 2 × 0.30").isTrue();
        assertThat(meter.tryStart()).as("0.30 + 3 × 0.30 would pass 1.00").isFalse();
        meter.abandoned();
        assertThat(meter.tryStart()).as("an interrupted prompt frees its share").isTrue();
    }

    @Test
    void earlierRunsCountTowardsTheCap() {
        SpendMeter meter = new SpendMeter(1.0, 1.2, 4);

        assertThat(meter.tryStart()).isFalse();
        assertThat(meter.spent()).isEqualTo(1.2);
    }
}
