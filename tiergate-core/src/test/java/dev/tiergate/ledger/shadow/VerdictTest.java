package dev.tiergate.ledger.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictTest {
    @Test
    void readsTheBareTokenOrALabelledVerdict() {
        assertThat(Verdict.parse("A")).contains(Verdict.A);
        assertThat(Verdict.parse(" **B**.\nBecause it is complete")).contains(Verdict.B);
        assertThat(Verdict.parse("tie")).contains(Verdict.TIE);
        assertThat(Verdict.parse("Both answers are correct.\nVERDICT: TIE")).contains(Verdict.TIE);
        assertThat(Verdict.parse("A good answer would mention B")).isEqualTo(Optional.empty());
        assertThat(Verdict.parse(null)).isEmpty();
    }

    @Test
    void scoresFromTheRoutedAnswersPointOfView() {
        assertThat(Verdict.A.scoreFor(Verdict.A)).isEqualTo(1.0);
        assertThat(Verdict.A.scoreFor(Verdict.B)).isEqualTo(0.0);
        assertThat(Verdict.TIE.scoreFor(Verdict.B)).isEqualTo(0.5);
        assertThat(Verdict.B.label(Verdict.B)).isEqualTo("routed");
        assertThat(Verdict.A.label(Verdict.B)).isEqualTo("frontier");
    }
}
