package dev.tiergate.router.learned;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link DotProducts}'s SIMD kernel; loaded only when {@code jdk.incubator.vector} is in the boot layer. */
final class VectorDot {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorDot() {}

    static float dot(float[] rows, int offset, float[] query, int dim) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(dim);
        int d = 0;
        for (; d < bound; d += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, rows, offset + d).fma(FloatVector.fromArray(SPECIES, query, d), acc);
        }
        // lane by lane in a fixed order: reduceLanes leaves the order open, and the interpreter and the JIT differ,
        // which made the same prompt score differently (in the 9th digit) before and after warm-up
        float s = 0;
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            s += acc.lane(lane);
        }
        for (; d < dim; d++) {
            s += rows[offset + d] * query[d];
        }
        return s;
    }
}
