package dev.tiergate.router.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DotProductsTest {

    @Test
    void theTestsRunTheVectorisedKernelAsTheLauncherDoes() {
        assertThat(DotProducts.VECTORISED).as("surefire and bin/tiergate add jdk.incubator.vector").isTrue();
    }

    @Test
    void theVectorisedKernelGivesBitIdenticalResultsColdAndWarm() {
        // decisions must be reproducible: the same prompt, the same score, before and after the JIT compiles
        Random random = new Random(11);
        float[] rows = new float[384];
        float[] query = new float[384];
        for (int d = 0; d < 384; d++) {
            rows[d] = (float) random.nextGaussian();
            query[d] = (float) random.nextGaussian();
        }
        float cold = VectorDot.dot(rows, 0, query, 384);
        float warm = cold;
        for (int i = 0; i < 200_000; i++) {
            warm = VectorDot.dot(rows, 0, query, 384);
        }
        assertThat(Float.floatToIntBits(warm)).isEqualTo(Float.floatToIntBits(cold));
    }

    @Test
    void vectorisedAndScalarKernelsAgreeOnEveryRowIncludingATail() {
        Random random = new Random(7);
        for (int dim : new int[] {384, 385, 7, 1}) {
            float[] rows = new float[50 * dim];
            float[] query = new float[dim];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (float) random.nextGaussian();
            }
            for (int d = 0; d < dim; d++) {
                query[d] = (float) random.nextGaussian();
            }
            for (int row = 0; row < 50; row++) {
                double exact = 0;
                for (int d = 0; d < dim; d++) {
                    exact += (double) rows[row * dim + d] * query[d];
                }
                assertThat((double) VectorDot.dot(rows, row * dim, query, dim)).isCloseTo(exact, within(1e-3));
                assertThat((double) DotProducts.scalar(rows, row * dim, query, dim)).isCloseTo(exact, within(1e-3));
            }
        }
    }
}
