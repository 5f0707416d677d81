package dev.tiergate.eval.cascade;

import dev.tiergate.eval.data.Rows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the cascade comparison as Markdown, for docs/BENCHMARKS.md.
 * Usage: {@code CascadeBench [--strong M] [--weak M] [--score length|decisions:FILE|oof:FILE] [--recall R] [--fpr F] [--seed S]
 * [--check-cost X] [--label L] FILE...}; {@code --check-cost} is the gate's own cost per check as a multiple of the
 * cheap call (about 1 for a self_grade judge at the cheap model's price).
 */
public final class CascadeBench {
    private CascadeBench() {}

    public static void main(String[] args) {
        String strong = "gpt-4-1106-preview";
        String weak = "mixtral-8x7b-instruct";
        String score = "length";
        double recall = 0.8;
        double fpr = 0.15;
        long seed = 42;
        double checkCost = 0;
        String label = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--strong" -> strong = args[++i];
                case "--weak" -> weak = args[++i];
                case "--score" -> score = args[++i];
                case "--recall" -> recall = Double.parseDouble(args[++i]);
                case "--fpr" -> fpr = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--check-cost" -> checkCost = Double.parseDouble(args[++i]);
                case "--label" -> label = args[++i];
                default -> files.add(Path.of(args[i]));
            }
        }
        PairedRows data = PairedRows.of(Rows.read(files), strong, weak);
        double[] scores = Scores.fromSpec(score, data);
        CascadeReport report = CascadeReplay.compare(label != null ? label : files.toString(), data, scores, Scores.describe(score),
                new GateModel.Noisy(recall, fpr, seed, checkCost));
        System.out.print(report.markdown());
    }
}
