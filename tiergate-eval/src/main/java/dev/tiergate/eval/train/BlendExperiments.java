package dev.tiergate.eval.train;

import dev.tiergate.eval.data.Row;
import dev.tiergate.eval.data.Rows;
import dev.tiergate.router.learned.PromptEmbedder;
import dev.tiergate.router.learned.QualityModel;
import dev.tiergate.router.learned.ScoreRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follow-up model-selection experiments (docs/BENCHMARKS.md, "Follow-up"): base candidates, pairwise
 * probability blends (stacking with fixed weights 0.25 / 0.5 / 0.75) and {@code knnf:K:G:P:BETA} (kNN over the
 * embedding concatenated with BETA-weighted standardised cheap features), each scored by the shipped criterion:
 * mean of 5-fold APGR on mmlu, 5-fold APGR on routerbench and mean leave-one-source-out APGR (folds seed 7, GAP rule,
 * gpt-4-1106-preview vs mixtral-8x7b-instruct). Blends reuse the base candidates' out-of-fold predictions, which is
 * exact (a fixed-weight blend has nothing to fit).
 *
 * <p>Usage: {@code BlendExperiments CANDIDATES BLENDS|- strip|nostrip EMBEDDING_CACHE FILE...}, e.g.
 * {@code knn:150:10:5,ridge:0.01 knn:150:10:5+ridge:0.01 nostrip /tmp/emb32.bin mmlu-train.jsonl routerbench-train.jsonl}.
 */
public final class BlendExperiments {
    static Featurized d; static int[] folds; static int[] sfolds; static List<String> groups = new ArrayList<>();
    static Map<String,double[][][]> cache = new LinkedHashMap<>();
    public static void main(String[] a) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 4; i < a.length; i++) {
            files.add(Path.of(a[i]));
        }
        List<Row> rows = Rows.read(files);
        try (PromptEmbedder e = new PromptEmbedder(PromptEmbedder.Model.ALL_MINILM_L6_V2_Q, 32, 0, 0, 1)) {
            boolean strip = a[2].equals("strip");
            var bp = strip ? Featurized.boilerplate(rows) : java.util.Set.<String>of();
            System.out.println("boilerplate " + bp);
            d = Featurized.build(rows, bp, e, Path.of(a[3]), null);
        }
        folds = CrossValidation.folds(d, 5, 7);
        sfolds = CrossValidation.sourceFolds(d, groups);
        for (String spec : a[0].split(",")) base(spec);
        // pairwise blends
        if (!a[1].equals("-")) for (String pair : a[1].split(",")) {
            String[] p = pair.split("\\+");
            for (double w : new double[]{0.25, 0.5, 0.75}) report(p[0]+"*"+w+"+"+p[1], blend(cache.get(p[0]), cache.get(p[1]), w));
        }
    }
    static double[][][] blend(double[][][] x, double[][][] y, double w) {
        double[][][] o = new double[2][][];
        for (int t = 0; t < 2; t++) { o[t] = new double[x[t].length][];
            for (int i = 0; i < x[t].length; i++) { if (x[t][i]==null||y[t][i]==null) continue; o[t][i] = new double[x[t][i].length];
                for (int j = 0; j < o[t][i].length; j++) o[t][i][j] = w*x[t][i][j] + (1-w)*y[t][i][j]; } }
        return o;
    }
    static void base(String spec) {
        long t0 = System.nanoTime();
        Candidate c = spec.startsWith("knnf:") ? knnf(spec) : Candidate.parse(spec, 7);
        double[][] oof = CrossValidation.outOfFold(c, d, folds);
        double[][] loso = CrossValidation.outOfFold(c, d, sfolds);
        cache.put(spec, new double[][][]{oof, loso});
        report(spec + String.format(" (%.0fs)", (System.nanoTime()-t0)/1e9), cache.get(spec));
    }
    // knnf:K:G:P:BETA  kNN over [embedding, BETA * standardised features / sqrt(F)], renormalised
    static Candidate knnf(String spec) {
        String[] p = spec.split(":");
        int k = Integer.parseInt(p[1]); double g = Double.parseDouble(p[2]), pr = Double.parseDouble(p[3]), beta = Double.parseDouble(p[4]);
        Candidate inner = Candidate.parse("knn:" + k + ":" + g + ":" + pr, 7);
        return new Candidate() {
            public String name() { return spec; }
            public QualityModel fit(Featurized t) {
                int f = t.features[0].length, n = t.size();
                double[] mean = new double[f], sd = new double[f];
                for (double[] row : t.features) for (int j = 0; j < f; j++) mean[j] += row[j] / n;
                for (double[] row : t.features) for (int j = 0; j < f; j++) sd[j] += (row[j]-mean[j])*(row[j]-mean[j]) / n;
                for (int j = 0; j < f; j++) sd[j] = Math.sqrt(sd[j]);
                java.util.function.BiFunction<float[], double[], float[]> aug = (emb, feat) -> {
                    float[] v = new float[emb.length + f]; System.arraycopy(emb, 0, v, 0, emb.length);
                    double nn = 0; for (float x : emb) nn += x*x;
                    for (int j = 0; j < f; j++) { v[emb.length+j] = (float) (sd[j] > 1e-9 ? beta * (feat[j]-mean[j]) / sd[j] / Math.sqrt(f) : 0); nn += v[emb.length+j]*v[emb.length+j]; }
                    float inv = (float) (1/Math.sqrt(nn)); for (int j = 0; j < v.length; j++) v[j] *= inv; return v; };
                List<float[]> e2 = new ArrayList<>(); for (int i = 0; i < n; i++) e2.add(aug.apply(t.embeddings.get(i), t.features[i]));
                Featurized t2 = new Featurized(t.rows, t.models, e2, t.features);
                QualityModel q = inner.fit(t2);
                return new QualityModel() {
                    public List<String> models() { return q.models(); }
                    public double[] predict(float[] emb, double[] feat) { return q.predict(aug.apply(emb, feat), feat); }
                    public String kind() { return "knnf"; }
                    public void write(java.io.DataOutputStream o) {}
                };
            }
        };
    }
    static void report(String name, double[][][] p) {
        double mm = Experiments.apgr(d, p[0], ScoreRule.GAP, r -> r.source().equals("mmlu"));
        double rb = Experiments.apgr(d, p[0], ScoreRule.GAP, r -> r.source().startsWith("routerbench"));
        StringBuilder sb = new StringBuilder(); double ls = 0;
        for (String g : groups) { double v = Experiments.apgr(d, p[1], ScoreRule.GAP, r -> r.group().equals(g)); ls += v; sb.append(String.format(" %.3f", v)); }
        ls /= groups.size();
        StringBuilder sub = new StringBuilder();
        for (String g : groups) if (g.startsWith("routerbench")) sub.append(String.format(" %.3f", Experiments.apgr(d, p[0], ScoreRule.GAP, r -> r.group().equals(g))));
        System.out.printf("%-44s crit %.4f | mmlu %.3f rb %.3f (sub%s) | LOSO mean %.3f (%s)%n", name, (mm+rb+ls)/3, mm, rb, sub, ls, sb.toString().trim());
    }
}
