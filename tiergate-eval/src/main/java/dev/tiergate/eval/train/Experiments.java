package dev.tiergate.eval.train;

import dev.tiergate.router.learned.ScoreRule;

import dev.tiergate.eval.data.Row;
import dev.tiergate.eval.data.Rows;
import dev.tiergate.eval.metrics.RoutingCurve;
import dev.tiergate.router.learned.PromptEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The model-selection experiment: every candidate, 5-fold CV (stratified by source) and leave-one-source-out, APGR
 * per file and per source for gpt-4-1106-preview vs mixtral-8x7b-instruct.
 * Usage: Experiments EMBEDDING MAX_TOKENS HEAD_TOKENS CACHE_DIR CANDIDATES FILE...
 */
public final class Experiments {
    public static final String STRONG = "gpt-4-1106-preview";
    public static final String WEAK = "mixtral-8x7b-instruct";

    public static void main(String[] args) throws Exception {
        PromptEmbedder.Model em = PromptEmbedder.Model.byName(args[0]);
        int maxTokens = Integer.parseInt(args[1]);
        int head = Integer.parseInt(args[2]);
        Path cacheDir = Path.of(args[3]);
        String which = args[4];
        List<Path> files = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        List<Row> rows = Rows.read(files);
        Featurized d;
        try (PromptEmbedder embedder = new PromptEmbedder(em, maxTokens, head, 0, 2)) {
            long t0 = System.nanoTime();
            boolean strip = !"0".equals(System.getProperty("strip", "1"));
            var bp = strip ? Featurized.boilerplate(rows) : java.util.Set.<String>of();
            if (strip) {
                System.out.println("boilerplate lines: " + bp);
            }
            d = Featurized.build(rows, bp, embedder,
                    cacheDir.resolve(em.name() + "-" + maxTokens + "-" + head + "-" + rows.size() + (strip ? "-bp" : "") + ".emb"), null);
            System.out.printf("embedded %d rows in %.1f s (%s, %d tokens, head %d)%n", rows.size(),
                    (System.nanoTime() - t0) / 1e9, em, maxTokens, head);
        }
        for (Candidate c : candidates(which)) {
            run(c, d);
        }
    }

    public static List<Candidate> candidates(String which) {
        List<Candidate> all = new ArrayList<>();
        for (String w : which.split(",")) {
            switch (w) {
                case "features" -> all.add(Candidate.neural("logistic-features-only", NeuralFitter.Params.logistic(1e-3, 60, 7), false, true));
                case "logistic" -> all.add(Candidate.neural("logistic", NeuralFitter.Params.logistic(1e-3, 60, 7), true, true));
                case "logistic-emb" -> all.add(Candidate.neural("logistic-emb-only", NeuralFitter.Params.logistic(1e-3, 60, 7), true, false));
                case "mlp" -> all.add(Candidate.neural("mlp64", NeuralFitter.Params.mlp(64, 1e-2, 40, 7), true, true));
                case "mlp128" -> all.add(Candidate.neural("mlp128", NeuralFitter.Params.mlp(128, 1e-2, 40, 7), true, true));
                case "mf" -> all.add(Candidate.neural("mf16", NeuralFitter.Params.mf(16, 1e-2, 40, 7), true, true));
                case "knn" -> all.add(Candidate.knn("knn-k40-g20", 40, 20, 2));
                case "knn100" -> all.add(Candidate.knn("knn-k100-g10", 100, 10, 2));
                default -> {
                    if (w.startsWith("ridge:")) { // ridge:lambda:embScale[:nofeat]
                        String[] p = w.split(":");
                        all.add(Candidate.ridge(w, Double.parseDouble(p[1]), Double.parseDouble(p[2]), p.length < 4));
                    } else if (w.startsWith("knn:")) { // knn:k:gamma:prior
                        String[] p = w.split(":");
                        all.add(Candidate.knn(w, Integer.parseInt(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3])));
                    } else if (w.startsWith("mlp:")) { // mlp:hidden:l2:epochs
                        String[] p = w.split(":");
                        all.add(Candidate.neural(w, NeuralFitter.Params.mlp(Integer.parseInt(p[1]), Double.parseDouble(p[2]), Integer.parseInt(p[3]), 7), true, true));
                    } else if (w.startsWith("logistic:")) { // logistic:l2:epochs
                        String[] p = w.split(":");
                        all.add(Candidate.neural(w, NeuralFitter.Params.logistic(Double.parseDouble(p[1]), Integer.parseInt(p[2]), 7), true, true));
                    } else if (w.startsWith("mf:")) { // mf:rank:l2:epochs
                        String[] p = w.split(":");
                        all.add(Candidate.neural(w, NeuralFitter.Params.mf(Integer.parseInt(p[1]), Double.parseDouble(p[2]), Integer.parseInt(p[3]), 7), true, true));
                    } else {
                        throw new IllegalArgumentException("unknown candidate " + w);
                    }
                }
            }
        }
        return all;
    }

    static void run(Candidate c, Featurized d) {
        long t0 = System.nanoTime();
        double[][] cv = CrossValidation.outOfFold(c, d, CrossValidation.folds(d, 5, 42));
        List<String> groups = new ArrayList<>();
        double[][] loso = CrossValidation.outOfFold(c, d, CrossValidation.sourceFolds(d, groups));
        double secs = (System.nanoTime() - t0) / 1e9;
        for (ScoreRule rule : ScoreRule.values()) {
            StringBuilder sb = new StringBuilder(String.format("%-26s %-11s", c.name(), rule));
            for (var e : slices(d).entrySet()) {
                sb.append(String.format(" %s=%.3f", e.getKey(), apgr(d, cv, rule, e.getValue())));
            }
            sb.append(" | LOSO");
            for (String g : groups) {
                sb.append(String.format(" %s=%.3f", short_(g), apgr(d, loso, rule, r -> r.group().equals(g))));
            }
            System.out.println(sb + String.format("  (%.0fs)", secs));
        }
    }

    static Map<String, Predicate<Row>> slices(Featurized d) {
        Map<String, Predicate<Row>> s = new LinkedHashMap<>();
        s.put("mmlu", r -> r.source().equals("mmlu"));
        s.put("rb", r -> r.source().startsWith("routerbench"));
        for (Row r : d.rows) {
            if (r.source().startsWith("routerbench/") && !s.containsKey(short_(r.source()))) {
                String src = r.source();
                s.put(short_(src), x -> x.source().equals(src));
            }
        }
        return s;
    }

    static String short_(String g) {
        return g.replace("routerbench/", "").replace("arc_challenge", "arc").replace("winograde", "wino");
    }

    public static double apgr(Featurized d, double[][] pred, ScoreRule rule, Predicate<Row> slice) {
        int s = d.models.indexOf(STRONG);
        int w = d.models.indexOf(WEAK);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (slice.test(d.rows.get(i)) && pred[i] != null && !Float.isNaN(d.scores[i][s]) && !Float.isNaN(d.scores[i][w])) {
                idx.add(i);
            }
        }
        double[] score = new double[idx.size()], st = new double[idx.size()], wk = new double[idx.size()];
        for (int j = 0; j < idx.size(); j++) {
            int i = idx.get(j);
            score[j] = rule.score(pred[i][s], pred[i][w]);
            st[j] = d.scores[i][s];
            wk[j] = d.scores[i][w];
        }
        return RoutingCurve.of(score, st, wk).apgr();
    }
}
