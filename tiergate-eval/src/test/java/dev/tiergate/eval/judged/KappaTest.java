package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class KappaTest {

    private static List<Kappa.Pair> repeat(int times, int first, int second) {
        return new ArrayList<>(Collections.nCopies(times, new Kappa.Pair(first, second)));
    }

    @Test
    void twoByTwoByHand() {
        // 50 items: both yes 20, first yes / second no 5, first no / second yes 10, both no 15
        List<Kappa.Pair> pairs = repeat(20, 1, 1);
        pairs.addAll(repeat(5, 1, 0));
        pairs.addAll(repeat(10, 0, 1));
        pairs.addAll(repeat(15, 0, 0));
        // po = 35/50 = 0.7; first says yes 25/50, second 30/50: pe = 0.5 × 0.6 + 0.5 × 0.4 = 0.5; κ = 0.2 / 0.5
        assertThat(Kappa.cohen(pairs, 2)).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void fiveScoresByHand() {
        // scores 1-5 as 0-4: (5,5) (3,2) (4,4) (2,2) (5,4)
        List<Kappa.Pair> pairs = List.of(new Kappa.Pair(4, 4), new Kappa.Pair(2, 1), new Kappa.Pair(3, 3), new Kappa.Pair(1, 1),
                new Kappa.Pair(4, 3));
        // po = 3/5; first: 5×2, 3, 4, 2; second: 5, 2×2, 4×2; pe = (2·1 + 1·2 + 1·2) / 25 = 6/25; κ = (0.6 − 0.24) / 0.76
        assertThat(Kappa.cohen(pairs, 5)).isCloseTo(0.36 / 0.76, within(1e-12));
    }

    @Test
    void perfectAgreementIsOneAndChanceLevelIsZero() {
        assertThat(Kappa.cohen(List.of(new Kappa.Pair(0, 0), new Kappa.Pair(1, 1), new Kappa.Pair(2, 2)), 3)).isEqualTo(1.0);
        // each rater half yes, half no, independently: po = pe = 0.5
        List<Kappa.Pair> chance = List.of(new Kappa.Pair(1, 1), new Kappa.Pair(1, 0), new Kappa.Pair(0, 1), new Kappa.Pair(0, 0));
        assertThat(Kappa.cohen(chance, 2)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void undefinedWithoutPairsOrWhenBothRatersUseOneLabel() {
        assertThat(Kappa.cohen(List.of(), 5)).isNaN();
        assertThat(Kappa.cohen(repeat(4, 2, 2), 5)).isNaN();
    }
}
