package dev.tiergate.router.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads the bundled ONNX model from the classpath: no network is involved (surefire sets ai.djl.offline). */
class PromptEmbedderTest {
    private static PromptEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new PromptEmbedder(PromptEmbedder.Model.ALL_MINILM_L6_V2_Q, 32, 0, 16, 1);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void embeddingsAreNormalisedAndSimilarTextsAreCloser() {
        float[] a = embedder.embed("How do I sort a list in Python?");
        float[] b = embedder.embed("Sorting a Python list");
        float[] c = embedder.embed("The capital of France is Paris.");
        assertThat(a).hasSize(384);
        assertThat(dot(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(dot(a, b)).isGreaterThan(dot(a, c));
    }

    @Test
    void truncationKeepsTheTailSoTheFinalQuestionDecides() {
        String question = "What is the boiling point of water at sea level in Celsius?";
        String padding = "This is filler text about nothing in particular. ".repeat(200);
        long[] ids = embedder.tokenIds(padding + question);
        assertThat(ids).hasSize(32);
        long[] questionIds = embedder.tokenIds(question);
        // [CLS] ... [SEP]: the last real tokens of the long prompt are the question's
        int q = questionIds.length - 2;
        for (int i = 0; i < q; i++) {
            assertThat(ids[ids.length - 1 - q + i]).isEqualTo(questionIds[1 + i]);
        }
        // the long prompt embeds like its question: same window
        float[] longEmb = embedder.embed(padding + question);
        float[] shortEmb = embedder.embed(question);
        assertThat(dot(longEmb, shortEmb)).isGreaterThan(0.5);
    }

    @Test
    void tailWindowTokenisationEqualsTokenisingTheWholeText() {
        java.util.Random r = new java.util.Random(3);
        String[] parts = {"Résumé", "naïve", "café", "C++", "x=y+1;", "(A)", "\"quoted\"", "日本語", "über", "don't",
                "e.g.", "3.14159", "snake_case_identifier", "https://example.com/a?b=c", "\t", "\n", "\n\n", "Answer:",
                "supercalifragilisticexpialidocious", "—", "…", "Ünïcödé", "print(x)", "#", "$"};
        for (int n = 0; n < 200; n++) {
            StringBuilder sb = new StringBuilder();
            int len = 50 + r.nextInt(400);
            for (int i = 0; i < len; i++) {
                sb.append(parts[r.nextInt(parts.length)]).append(r.nextInt(5) == 0 ? "" : " ");
            }
            String text = sb.toString();
            assertThat(embedder.tokenIds(text, true)).as(text).isEqualTo(embedder.tokenIds(text, false));
        }
    }

    @Test
    void repeatedPromptsHitTheCacheAndBatchingPreservesOrder() {
        long hits = embedder.cacheHits();
        List<String> texts = List.of("first distinct prompt xyz", "second, a much longer distinct prompt about tea", "third");
        List<float[]> batch = embedder.embedAll(texts);
        assertThat(embedder.cacheHits()).isEqualTo(hits);
        float[] again = embedder.embed("first distinct prompt xyz");
        assertThat(embedder.cacheHits()).isEqualTo(hits + 1);
        assertThat(again).isSameAs(batch.get(0));
        for (int i = 0; i < texts.size(); i++) {
            PromptEmbedder fresh = embedder;
            assertThat(dot(batch.get(i), fresh.embed(texts.get(i)))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
