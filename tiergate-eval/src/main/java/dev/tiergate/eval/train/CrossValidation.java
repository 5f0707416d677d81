package dev.tiergate.eval.train;

import dev.tiergate.router.learned.QualityModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Out-of-fold predictions: k-fold stratified by source, and leave-one-source-out. Deterministic for a seed. */
public final class CrossValidation {
    private CrossValidation() {}

    /** Fold id per row: rows of each source shuffled with the seed and dealt round-robin. */
    public static int[] folds(Featurized d, int k, long seed) {
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < d.size(); i++) {
            bySource.computeIfAbsent(d.rows.get(i).group(), s -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[d.size()];
        Random rnd = new Random(seed);
        int offset = 0;
        for (List<Integer> idx : bySource.values()) {
            java.util.Collections.shuffle(idx, rnd);
            for (int j = 0; j < idx.size(); j++) {
                fold[idx.get(j)] = (j + offset) % k;
            }
            offset += idx.size();
        }
        return fold;
    }

    /** Fold id = source index: train on every other source, predict the held-out one. */
    public static int[] sourceFolds(Featurized d, List<String> groupsOut) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[] fold = new int[d.size()];
        for (int i = 0; i < d.size(); i++) {
            fold[i] = ids.computeIfAbsent(d.rows.get(i).group(), s -> ids.size());
        }
        groupsOut.clear();
        groupsOut.addAll(ids.keySet());
        return fold;
    }

    /** Predictions (rows x models, in {@code d.models} order) of models that never saw the row. */
    public static double[][] outOfFold(Candidate c, Featurized d, int[] fold) {
        int k = 0;
        for (int f : fold) {
            k = Math.max(k, f + 1);
        }
        double[][] pred = new double[d.size()][];
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < d.size(); i++) {
                (fold[i] == f ? test : train).add(i);
            }
            if (test.isEmpty() || train.isEmpty()) {
                continue;
            }
            QualityModel model = c.fit(d.subset(train.stream().mapToInt(Integer::intValue).toArray()));
            int[] map = new int[d.models.size()];
            for (int j = 0; j < map.length; j++) {
                map[j] = model.models().indexOf(d.models.get(j));
            }
            for (int i : test) {
                double[] p = model.predict(d.embeddings.get(i), d.features[i]);
                double[] out = new double[map.length];
                for (int j = 0; j < map.length; j++) {
                    out[j] = map[j] < 0 ? Double.NaN : p[map[j]];
                }
                pred[i] = out;
            }
        }
        return pred;
    }
}
