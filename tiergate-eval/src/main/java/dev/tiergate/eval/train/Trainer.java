package dev.tiergate.eval.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.eval.data.Row;
import dev.tiergate.eval.metrics.RoutingCurve;
import dev.tiergate.eval.replay.LadderReplay;
import dev.tiergate.eval.replay.UtilityLadder;
import dev.tiergate.eval.replay.Progress;
import dev.tiergate.json.Json;
import dev.tiergate.router.learned.PromptEmbedder;
import dev.tiergate.router.learned.QualityModel;
import dev.tiergate.router.learned.RouterModel;
import dev.tiergate.router.learned.ScoreRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trains the shipped router and cross-validates it. Deterministic for a seed. */
public final class Trainer {

    /** The default recipe: what {@code tiergate train} uses unless told otherwise (chosen by CV, see docs). */
    public static final String DEFAULT_CANDIDATE = "knn:150:10:5/resid:1000:log_question_chars";
    public static final PromptEmbedder.Model DEFAULT_EMBEDDING = PromptEmbedder.Model.ALL_MINILM_L6_V2_Q;
    public static final int DEFAULT_MAX_TOKENS = 32;
    public static final ScoreRule DEFAULT_RULE = ScoreRule.GAP;
    public static final String STRONG = "gpt-4-1106-preview";
    public static final String WEAK = "mixtral-8x7b-instruct";

    public record Config(String candidate, PromptEmbedder.Model embedding, int maxTokens, int headTokens,
                         ScoreRule rule, long seed, String strong, String weak, boolean stripBoilerplate) {
        public Config(String candidate, PromptEmbedder.Model embedding, int maxTokens, int headTokens,
                      ScoreRule rule, long seed, String strong, String weak) {
            this(candidate, embedding, maxTokens, headTokens, rule, seed, strong, weak, false);
        }

        public static Config defaults(long seed) {
            return new Config(DEFAULT_CANDIDATE, DEFAULT_EMBEDDING, DEFAULT_MAX_TOKENS, 0, DEFAULT_RULE, seed, STRONG, WEAK);
        }
    }

    private Trainer() {}

    public static Featurized featurize(List<Row> rows, Config cfg, Path cacheFile, Progress progress) {
        try (PromptEmbedder embedder = new PromptEmbedder(cfg.embedding(), cfg.maxTokens(), cfg.headTokens(), 0,
                Math.min(2, Runtime.getRuntime().availableProcessors()))) {
            return Featurized.build(rows, cfg.stripBoilerplate() ? Featurized.boilerplate(rows) : java.util.Set.of(),
                    embedder, cacheFile, progress::update);
        }
    }

    /** Fits the candidate on every row and packages it with its embedding settings and a default threshold. */
    public static RouterModel train(Featurized d, Config cfg, List<String> files) {
        QualityModel model = Candidate.parse(cfg.candidate(), cfg.seed()).fit(d);
        int s = model.models().indexOf(cfg.strong());
        int w = model.models().indexOf(cfg.weak());
        if (s < 0 || w < 0) {
            throw new IllegalArgumentException("training data lacks " + cfg.strong() + " or " + cfg.weak());
        }
        // default threshold: the in-sample median two-tier score (about half the traffic to the strong model)
        double[] scores = new double[d.size()];
        for (int i = 0; i < d.size(); i++) {
            double[] p = model.predict(d.embeddings.get(i), d.features[i]);
            scores[i] = cfg.rule().score(p[s], p[w]);
        }
        Arrays.sort(scores);
        double threshold = scores[scores.length / 2];
        ObjectNode info = Json.object();
        info.put("candidate", cfg.candidate());
        info.put("seed", cfg.seed());
        info.put("rows", d.size());
        ArrayNode f = info.putArray("files");
        files.forEach(f::add);
        info.put("command", "tiergate train --data " + String.join(" --data ", files) + " --candidate "
                + cfg.candidate() + " --embedding " + cfg.embedding().name() + " --max-tokens " + cfg.maxTokens()
                + " --rule " + cfg.rule().name() + " --seed " + cfg.seed());
        RouterModel out = RouterModel.of(model, cfg.embedding(), cfg.maxTokens(), cfg.headTokens(), cfg.strong(),
                cfg.weak(), cfg.rule(), threshold, info);
        return cfg.stripBoilerplate() ? out.withBoilerplate(Featurized.boilerplate(d.rows)) : out;
    }

    /**
     * 5-fold CV (stratified by source, seeded) and leave-one-source-out: two-tier APGR / CPT per file and per source,
     * and the N-model frontier on rows with all {@code ladder} models (out-of-fold predictions).
     */
    public static ObjectNode crossValidate(Featurized d, Config cfg, List<String> ladder) {
        return crossValidate(d, cfg, ladder, null);
    }

    /** As above; with {@code oofOut} the 5-fold out-of-fold predictions are written there as JSONL. */
    public static ObjectNode crossValidate(Featurized d, Config cfg, List<String> ladder, Path oofOut) {
        return crossValidate(d, cfg, ladder, oofOut, null);
    }

    /**
     * As above; with {@code losoOut} the leave-one-source-out predictions (each row predicted by a model trained on
     * the other sources only) are written there too, in the same JSONL shape.
     */
    public static ObjectNode crossValidate(Featurized d, Config cfg, List<String> ladder, Path oofOut, Path losoOut) {
        Candidate c = Candidate.parse(cfg.candidate(), cfg.seed());
        double[][] oof = CrossValidation.outOfFold(c, d, CrossValidation.folds(d, 5, cfg.seed()));
        writePredictions(d, oof, oofOut);
        List<String> groups = new ArrayList<>();
        double[][] loso = CrossValidation.outOfFold(c, d, CrossValidation.sourceFolds(d, groups));
        writePredictions(d, loso, losoOut);
        ObjectNode out = Json.object();
        out.put("candidate", cfg.candidate());
        out.put("embedding", cfg.embedding().name() + "/" + cfg.maxTokens());
        out.put("rule", cfg.rule().name());
        ObjectNode kfold = out.putObject("kfold5");
        for (var e : slices(d).entrySet()) {
            kfold.set(e.getKey(), twoTier(d, oof, cfg, e.getValue()));
        }
        ObjectNode lo = out.putObject("leave_one_source_out");
        for (String g : groups) {
            lo.set(g, twoTier(d, loso, cfg, r -> r.group().equals(g)));
        }
        if (ladder != null && !ladder.isEmpty()) {
            LadderReplay gap = ladder(d, oof, cfg.rule(), ladder);
            ObjectNode lm = gap.metrics();
            ObjectNode budgets = lm.putObject("quality_at_cost_fraction_of_" + ladder.get(ladder.size() - 1).replace('/', '_'));
            double topCost = gap.singles.get(gap.singles.size() - 1).cost();
            for (double f : new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1.0}) {
                budgets.put(String.valueOf(f), gap.frontier.stream().filter(p -> p.cost() <= f * topCost + 1e-12)
                        .mapToDouble(LadderReplay.Point::quality).max().orElse(Double.NaN));
            }
            out.set("ladder", lm);
            out.set("ladder_utility", new UtilityLadder(ladder, gap.rows, gap.predicted).metrics());
        }
        return out;
    }

    private static void writePredictions(Featurized d, double[][] pred, Path out) {
        if (out == null) {
            return;
        }
        try (var w = java.nio.file.Files.newBufferedWriter(out)) {
            for (int i = 0; i < d.size(); i++) {
                if (pred[i] == null) {
                    continue;
                }
                ObjectNode o = Json.object();
                o.put("id", d.rows.get(i).id());
                ObjectNode p = o.putObject("p");
                for (int k = 0; k < d.models.size(); k++) {
                    p.put(d.models.get(k), pred[i][k]);
                }
                w.write(Json.text(o));
                w.write('\n');
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static LadderReplay ladder(Featurized d, double[][] pred, ScoreRule rule, List<String> ladder) {
        int[] idx = ladder.stream().mapToInt(d.models::indexOf).toArray();
        List<Row> rows = new ArrayList<>();
        List<double[]> q = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            Row r = d.rows.get(i);
            if (pred[i] == null || !ladder.stream().allMatch(r::has) || Arrays.stream(idx).anyMatch(k -> k < 0)) {
                continue;
            }
            double[] t = new double[idx.length];
            for (int j = 0; j < idx.length; j++) {
                t[j] = pred[i][idx[j]];
            }
            rows.add(r);
            q.add(t);
        }
        return new LadderReplay(ladder, rows, q.toArray(new double[0][]), rule);
    }

    static Map<String, java.util.function.Predicate<Row>> slices(Featurized d) {
        Map<String, java.util.function.Predicate<Row>> s = new LinkedHashMap<>();
        for (Row r : d.rows) {
            String file = r.source().contains("/") ? r.source().substring(0, r.source().indexOf('/')) : r.source();
            s.putIfAbsent("file:" + file, x -> x.source().equals(file) || x.source().startsWith(file + "/"));
        }
        for (Row r : d.rows) {
            String src = r.source();
            s.putIfAbsent(src, x -> x.source().equals(src));
        }
        return s;
    }

    static ObjectNode twoTier(Featurized d, double[][] pred, Config cfg, java.util.function.Predicate<Row> slice) {
        int s = d.models.indexOf(cfg.strong());
        int w = d.models.indexOf(cfg.weak());
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (slice.test(d.rows.get(i)) && pred[i] != null && !Float.isNaN(d.scores[i][s]) && !Float.isNaN(d.scores[i][w])) {
                idx.add(i);
            }
        }
        double[] score = new double[idx.size()], st = new double[idx.size()], wk = new double[idx.size()];
        for (int j = 0; j < idx.size(); j++) {
            int i = idx.get(j);
            score[j] = cfg.rule().score(pred[i][s], pred[i][w]);
            st[j] = d.scores[i][s];
            wk[j] = d.scores[i][w];
        }
        RoutingCurve curve = RoutingCurve.of(score, st, wk);
        ObjectNode o = Json.object();
        o.put("rows", idx.size());
        o.put("apgr", curve.apgr());
        o.put("cpt50", curve.cpt(0.5));
        o.put("cpt80", curve.cpt(0.8));
        o.put("strong_quality", curve.strongQuality());
        o.put("weak_quality", curve.weakQuality());
        return o;
    }
}
