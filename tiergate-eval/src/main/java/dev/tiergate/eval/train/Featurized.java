package dev.tiergate.eval.train;

import dev.tiergate.eval.data.Row;
import dev.tiergate.eval.data.Rows;
import dev.tiergate.router.features.PromptFeatures;
import dev.tiergate.router.learned.PromptEmbedder;
import dev.tiergate.router.learned.PromptText;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Rows turned into what the models consume: embeddings of the final question, raw features and the score matrix. */
public final class Featurized {
    public final List<Row> rows;
    public final List<String> models;
    public final List<float[]> embeddings;
    public final double[][] features;
    public final float[][] scores; // n x models, NaN = not run

    public Featurized(List<Row> rows, List<String> models, List<float[]> embeddings, double[][] features) {
        this.rows = rows;
        this.models = models;
        this.embeddings = embeddings;
        this.features = features;
        this.scores = new float[rows.size()][models.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < models.size(); k++) {
                scores[i][k] = (float) rows.get(i).score(models.get(k));
            }
        }
    }

    /** The text the router embeds for a prompt. */
    public static String routedText(String prompt) {
        return PromptText.finalQuestion(prompt);
    }

    public static double[] features(Row row) {
        return PromptFeatures.of(row.prompt(), routedText(row.prompt()), 1, false);
    }

    /**
     * Embeds every row (in batches, with a progress callback); with {@code cacheFile} the embeddings are read from /
     * written to that file so repeated experiments do not pay for them again.
     */
    /** Template lines of these rows' final questions (see {@link PromptText#boilerplate}). */
    public static java.util.Set<String> boilerplate(List<Row> rows) {
        List<String> qs = new ArrayList<>();
        for (Row r : rows) {
            qs.add(routedText(r.prompt()));
        }
        return PromptText.boilerplate(qs, 0.02, 20);
    }

    public static Featurized build(List<Row> rows, PromptEmbedder embedder, Path cacheFile, IntConsumer progress) {
        return build(rows, java.util.Set.of(), embedder, cacheFile, progress);
    }

    /** As above, embedding the final questions without the given template lines. */
    public static Featurized build(List<Row> rows, java.util.Set<String> boilerplate, PromptEmbedder embedder,
                                   Path cacheFile, IntConsumer progress) {
        List<float[]> emb = cacheFile != null && Files.exists(cacheFile) ? readCache(cacheFile, rows.size()) : null;
        if (emb == null) {
            emb = new ArrayList<>(rows.size());
            int chunk = 64;
            for (int start = 0; start < rows.size(); start += chunk) {
                List<String> texts = new ArrayList<>();
                for (Row r : rows.subList(start, Math.min(rows.size(), start + chunk))) {
                    texts.add(PromptText.stripLines(routedText(r.prompt()), boilerplate));
                }
                emb.addAll(embedder.embedAll(texts));
                if (progress != null) {
                    progress.accept(Math.min(rows.size(), start + chunk));
                }
            }
            if (cacheFile != null) {
                writeCache(cacheFile, emb);
            }
        }
        double[][] feats = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            feats[i] = features(rows.get(i));
        }
        return new Featurized(rows, Rows.models(rows), emb, feats);
    }

    private static List<float[]> readCache(Path file, int n) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            int dim = in.readInt();
            if (count != n) {
                return null;
            }
            List<float[]> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                float[] v = new float[dim];
                for (int d = 0; d < dim; d++) {
                    v[d] = in.readFloat();
                }
                out.add(v);
            }
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    private static void writeCache(Path file, List<float[]> emb) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
                out.writeInt(emb.size());
                out.writeInt(emb.get(0).length);
                for (float[] v : emb) {
                    for (float x : v) {
                        out.writeFloat(x);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return rows.size();
    }

    /** A subset view (shares arrays). */
    public Featurized subset(int[] idx) {
        List<Row> r = new ArrayList<>();
        List<float[]> e = new ArrayList<>();
        double[][] f = new double[idx.length][];
        for (int j = 0; j < idx.length; j++) {
            r.add(rows.get(idx[j]));
            e.add(embeddings.get(idx[j]));
            f[j] = features[idx[j]];
        }
        Featurized sub = new Featurized(r, models, e, f);
        return sub;
    }
}
