package dev.tiergate.eval.replay;

import dev.tiergate.eval.data.Row;
import dev.tiergate.router.ComplexityRouter;
import dev.tiergate.router.RandomRouter;
import dev.tiergate.router.learned.LearnedRouter;
import dev.tiergate.router.learned.RouterModel;
import dev.tiergate.router.learned.ScoreRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a router spec into offline scores for rows (no model calls):
 * {@code classifier} (bundled weights), {@code classifier:PATH}, {@code complexity}, {@code length},
 * {@code random[:SEED]}, {@code oracle} (cheats: the true strong-weak gain, for reference).
 */
public final class RouterSpecs {
    private RouterSpecs() {}

    /**
     * @param perModel for the learned router: P(acceptable) per row and model (else null)
     */
    public record Scored(String name, double[] score, double[][] perModel, List<String> models, ScoreRule rule) {}

    public static Scored score(String spec, List<Row> rows, String strong, String weak, Progress progress) {
        String kind = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        String arg = spec.contains(":") ? spec.substring(spec.indexOf(':') + 1) : "";
        int n = rows.size();
        double[] score = new double[n];
        switch (kind) {
            case "classifier", "learned" -> {
                RouterModel model;
                try {
                    model = arg.isEmpty() ? RouterModel.bundled() : RouterModel.read(Path.of(arg));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read router model " + arg, e);
                }
                LearnedRouter router = new LearnedRouter(model, Double.NaN, Map.of());
                List<String> models = model.models();
                int s = models.indexOf(strong);
                int w = models.indexOf(weak);
                if (s < 0 || w < 0) {
                    throw new IllegalArgumentException("the router model does not know " + strong + " / " + weak
                            + "; it knows " + models);
                }
                double[][] per = new double[n][];
                int chunk = 64;
                for (int start = 0; start < n; start += chunk) {
                    List<String> texts = new ArrayList<>();
                    for (Row r : rows.subList(start, Math.min(n, start + chunk))) {
                        texts.add(r.prompt());
                    }
                    List<double[]> p = router.predictAll(texts);
                    for (int j = 0; j < p.size(); j++) {
                        per[start + j] = p.get(j);
                        score[start + j] = model.rule().score(p.get(j)[s], p.get(j)[w]);
                    }
                    progress.update(Math.min(n, start + chunk));
                }
                return new Scored(spec, score, per, models, model.rule());
            }
            case "complexity" -> {
                for (int i = 0; i < n; i++) {
                    score[i] = ComplexityRouter.score(rows.get(i).prompt());
                }
            }
            case "length" -> {
                for (int i = 0; i < n; i++) {
                    score[i] = rows.get(i).prompt().length();
                }
            }
            case "random" -> {
                RandomRouter r = new RandomRouter(0.5, arg.isEmpty() ? 42L : Long.parseLong(arg));
                for (int i = 0; i < n; i++) {
                    score[i] = r.score(rows.get(i).id() + "\n" + rows.get(i).prompt());
                }
            }
            case "oracle" -> {
                for (int i = 0; i < n; i++) {
                    score[i] = rows.get(i).score(strong) - rows.get(i).score(weak);
                }
            }
            default -> throw new IllegalArgumentException("unknown router " + spec
                    + " (classifier[:PATH], complexity, length, random[:SEED], oracle)");
        }
        progress.update(n);
        return new Scored(spec, score, null, null, null);
    }
}
