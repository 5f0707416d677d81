package dev.tiergate.eval.judged;

import java.util.List;

/**
 * Cohen's kappa: how often two raters agree beyond what their own label frequencies would give by chance,
 * {@code (po - pe) / (1 - pe)}. 1 is perfect agreement, 0 chance level, below 0 worse than chance.
 */
final class Kappa {
    private Kappa() {}

    /** A pair of labels given to the same item, each in {@code 0..categories-1}. */
    record Pair(int first, int second) {}

    /** NaN when undefined: no pairs, or both raters always gave the same single label (pe = 1). */
    static double cohen(List<Pair> pairs, int categories) {
        if (pairs.isEmpty()) {
            return Double.NaN;
        }
        double[] firstShare = new double[categories];
        double[] secondShare = new double[categories];
        int agree = 0;
        for (Pair pair : pairs) {
            firstShare[pair.first()]++;
            secondShare[pair.second()]++;
            if (pair.first() == pair.second()) {
                agree++;
            }
        }
        double n = pairs.size();
        double observed = agree / n;
        double chance = 0;
        for (int c = 0; c < categories; c++) {
            chance += (firstShare[c] / n) * (secondShare[c] / n);
        }
        return chance >= 1 ? Double.NaN : (observed - chance) / (1 - chance);
    }
}
