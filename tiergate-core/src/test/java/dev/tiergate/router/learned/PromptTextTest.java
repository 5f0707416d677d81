package dev.tiergate.router.learned;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptTextTest {

    private static final String FEW_SHOT = """
            Which gas do plants absorb?
            A) oxygen
            B) carbon dioxide
            Answer:
            B

            What is frozen water called?
            A) steam
            B) ice
            Answer:
            B

            Which planet is closest to the sun?
            A) Mercury
            B) Mars
            Answer:""";

    @Test
    void fewShotPromptKeepsOnlyTheFinalQuestion() {
        assertThat(PromptText.finalQuestion(FEW_SHOT))
                .isEqualTo("Which planet is closest to the sun?\nA) Mercury\nB) Mars\nAnswer:");
        assertThat(PromptText.shots(FEW_SHOT)).isEqualTo(2);
    }

    @Test
    void gsm8kStyleShotsAreDetectedToo() {
        String prompt = "Q: 2 apples plus 3 apples?\nA: 2 + 3 = 5. The answer is 5.\n\n"
                + "Q: 4 pens minus 1 pen?\nA: 4 - 1 = 3. The answer is 3.\n\n"
                + "Q: Tom has 7 cards and gives away 2. How many are left?\nA:";
        assertThat(PromptText.finalQuestion(prompt)).isEqualTo("Q: Tom has 7 cards and gives away 2. How many are left?\nA:");
    }

    @Test
    void ordinaryPromptsAreLeftWhole() {
        String prompt = "Write a haiku about autumn.\n\nMake it melancholic.\n\nNo rhymes please.";
        assertThat(PromptText.finalQuestion(prompt)).isEqualTo(prompt);
        assertThat(PromptText.shots(prompt)).isZero();
        assertThat(PromptText.finalQuestion("")).isEmpty();
    }

    @Test
    void tailKeepsTheEndAtAWordBoundary() {
        String text = "alpha beta gamma delta epsilon";
        assertThat(PromptText.tail(text, 100)).isEqualTo(text);
        assertThat(PromptText.tail(text, 12)).isEqualTo("epsilon");
        assertThat(PromptText.headTail("0123456789".repeat(10), 40)).startsWith("0123456789").contains(" … ");
    }
}
