package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScoreParserTest {

    @Test
    void readsTheScoreOnTheLastLine() {
        assertThat(ScoreParser.parse("SCORE: 4")).hasValue(4);
        assertThat(ScoreParser.parse("Correct and complete, a little terse.\nSCORE: 5\n")).hasValue(5);
        assertThat(ScoreParser.parse("Wrong year.\r\n\r\n  SCORE: 1  ")).hasValue(1);
    }

    @Test
    void rejectsEverythingLooser() {
        for (String reply : new String[] {
                "Score: 4",                            // case matters: the prompt asks for SCORE
                "SCORE: 4/5",
                "SCORE: 6",
                "SCORE: 0",
                "SCORE:4",
                "**SCORE: 4**",
                "SCORE: 4\nOn reflection it is fine.",  // text after the score
                "SCORE: 2\nSCORE: 4",                  // two scores
                "I would give it a score: 3.\nSCORE: 3", // another line talks about a score
                "4",
                "",
                "   "}) {
            assertThat(ScoreParser.parse(reply)).as(reply).isEqualTo(OptionalInt.empty());
        }
        assertThat(ScoreParser.parse(null)).isEmpty();
    }
}
