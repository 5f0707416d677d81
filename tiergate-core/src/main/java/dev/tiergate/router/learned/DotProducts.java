package dev.tiergate.router.learned;

/**
 * The kNN's similarity kernel: 3,862 × 384 multiply-adds per decision. HotSpot does not vectorise a float
 * reduction, so the scalar loop (eight accumulators) needs ~0.5 ms; the Vector API (AVX-512: 16 lanes) needs
 * ~0.1 ms, a tenth of the decision budget. The Vector API is still an incubator module, present only when the JVM
 * runs with {@code --add-modules jdk.incubator.vector} (bin/tiergate and the tests do), so the scalar loop stays
 * as the fallback and {@link VectorDot} is only loaded when the module is there.
 */
final class DotProducts {
    /** Resolved once at start-up; the JIT folds the branch. */
    static final boolean VECTORISED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private DotProducts() {}

    /** The dot product of {@code rows[offset .. offset + dim)} and {@code query[0 .. dim)}. */
    static float dot(float[] rows, int offset, float[] query, int dim) {
        return VECTORISED ? VectorDot.dot(rows, offset, query, dim) : scalar(rows, offset, query, dim);
    }

    static float scalar(float[] rows, int offset, float[] query, int dim) {
        int d8 = dim & ~7;
        // eight independent accumulators: lets the JIT pipeline the multiply-adds
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int d = 0;
        for (; d < d8; d += 8) {
            a0 += rows[offset + d] * query[d];
            a1 += rows[offset + d + 1] * query[d + 1];
            a2 += rows[offset + d + 2] * query[d + 2];
            a3 += rows[offset + d + 3] * query[d + 3];
            a4 += rows[offset + d + 4] * query[d + 4];
            a5 += rows[offset + d + 5] * query[d + 5];
            a6 += rows[offset + d + 6] * query[d + 6];
            a7 += rows[offset + d + 7] * query[d + 7];
        }
        float s = (a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7);
        for (; d < dim; d++) {
            s += rows[offset + d] * query[d];
        }
        return s;
    }
}
