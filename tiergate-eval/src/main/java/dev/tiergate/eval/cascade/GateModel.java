package dev.tiergate.eval.cascade;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A simulated quality gate for replay: given whether the cheap answer is acceptable, does the gate reject it (and so
 * escalate)? Recorded outcomes cannot run a real gate, so its behaviour is modelled by its error rates and its cost.
 */
public sealed interface GateModel {

    /** @param rowId a stable id, so a noisy gate makes the same call on the same row in every run */
    boolean rejects(String rowId, boolean acceptable);

    /** For tables: "oracle", "recall 0.80, FPR 0.15, seed 42". */
    String describe();

    /**
     * What checking one cheap answer costs, as a multiple of that cheap call's cost: 0 for local gates (json, regex,
     * refusal, confidence), about 1 for a self_grade judge as cheap as the cheap model.
     */
    default double checkCostRatio() {
        return 0;
    }

    /** Knows exactly which cheap answers are wrong: the best any gate can do. */
    record Oracle() implements GateModel {
        @Override
        public boolean rejects(String rowId, boolean acceptable) {
            return !acceptable;
        }

        @Override
        public String describe() {
            return "oracle";
        }
    }

    /**
     * A realistic gate: rejects a bad cheap answer with probability {@code recall} and a good one with probability
     * {@code falsePositiveRate}. Its precision then depends on how often the cheap model is wrong, so replay reports
     * the precision it actually had. Draws are a hash of (seed, row id): deterministic and independent of row order.
     */
    record Noisy(double recall, double falsePositiveRate, long seed, double checkCostRatio) implements GateModel {
        public Noisy {
            if (recall < 0 || recall > 1 || falsePositiveRate < 0 || falsePositiveRate > 1) {
                throw new IllegalArgumentException("recall and falsePositiveRate are probabilities");
            }
            if (checkCostRatio < 0) {
                throw new IllegalArgumentException("a gate cannot cost less than nothing");
            }
        }

        /** A gate that costs nothing to run (no judge model). */
        public Noisy(double recall, double falsePositiveRate, long seed) {
            this(recall, falsePositiveRate, seed, 0);
        }

        @Override
        public boolean rejects(String rowId, boolean acceptable) {
            double u = uniform(seed, rowId);
            return acceptable ? u < falsePositiveRate : u < recall;
        }

        @Override
        public String describe() {
            String cost = checkCostRatio == 0 ? "" : String.format(Locale.ROOT, ", check %.1fx cheap call", checkCostRatio);
            return String.format(Locale.ROOT, "recall %.2f, FPR %.2f, seed %d%s", recall, falsePositiveRate, seed, cost);
        }

        /** FNV-1a over the id's UTF-8 bytes, mixed with the seed by SplitMix64's finaliser, to [0, 1). */
        static double uniform(long seed, String id) {
            long h = 0xcbf29ce484222325L;
            for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            long z = h + seed * 0x9e3779b97f4a7c15L;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            z = z ^ (z >>> 31);
            return (z >>> 11) * 0x1.0p-53;
        }
    }
}
