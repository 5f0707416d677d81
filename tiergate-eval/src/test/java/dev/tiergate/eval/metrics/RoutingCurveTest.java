package dev.tiergate.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RoutingCurveTest {
    // strong right on 0, 1, 3; weak right on 1 only. Gains: 1, 0, 0, 1.
    static final double[] STRONG = {1, 1, 0, 1};
    static final double[] WEAK = {0, 1, 0, 0};

    @Test
    void apgrAndCptOnAHandComputedExample() {
        // score order: row0 (gain 1), row3 (gain 1), row2, row1 -> quality .25, .5, .75, .75, .75
        RoutingCurve c = RoutingCurve.of(new double[] {0.9, 0.1, 0.5, 0.8}, STRONG, WEAK);
        assertThat(c.strongQuality()).isEqualTo(0.75);
        assertThat(c.weakQuality()).isEqualTo(0.25);
        assertThat(c.qualityAt(0.25)).isCloseTo(0.5, within(1e-12));
        assertThat(c.pgrAt(0.5)).isCloseTo(1.0, within(1e-12));
        // PGR 0, .5, 1, 1, 1 at c = 0, .25, .5, .75, 1: trapezoids .0625 + .1875 + .25 + .25
        assertThat(c.apgr()).isCloseTo(0.75, within(1e-12));
        assertThat(c.cpt(0.5)).isCloseTo(0.25, within(1e-12));
        // between c=.25 (PGR .5) and c=.5 (PGR 1): .25 + .6 * .25
        assertThat(c.cpt(0.8)).isCloseTo(0.40, within(1e-12));
    }

    @Test
    void aBackwardRouterScoresBelowRandom() {
        RoutingCurve c = RoutingCurve.of(new double[] {0.1, 0.9, 0.8, 0.2}, STRONG, WEAK);
        // order row1 (0), row2 (0), row3 (1), row0 (1): PGR 0, 0, 0, .5, 1 -> 0 + 0 + .0625 + .1875
        assertThat(c.apgr()).isCloseTo(0.25, within(1e-12));
        assertThat(c.cpt(0.5)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void tiesAreRoutedAsABlockSoRandomIsTheDiagonal() {
        RoutingCurve random = RoutingCurve.random(STRONG, WEAK);
        assertThat(random.apgr()).isCloseTo(0.5, within(1e-12));
        assertThat(random.qualityAt(0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(random.cpt(0.8)).isCloseTo(0.8, within(1e-12));
        RoutingCurve oracle = RoutingCurve.oracle(STRONG, WEAK);
        assertThat(oracle.apgr()).isCloseTo(0.75, within(1e-12));
    }
}
