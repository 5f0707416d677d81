package dev.tiergate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.eval.data.Row;
import dev.tiergate.eval.data.Rows;
import dev.tiergate.eval.replay.LadderReplay;
import dev.tiergate.eval.replay.Progress;
import dev.tiergate.eval.replay.Replay;
import dev.tiergate.eval.replay.RouterSpecs;
import dev.tiergate.eval.replay.TwoTier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.tiergate.eval.cascade.CascadeReplay;
import dev.tiergate.eval.cascade.CascadeReport;
import dev.tiergate.eval.cascade.GateModel;
import dev.tiergate.eval.cascade.PairedRows;
import dev.tiergate.eval.cascade.Scores;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Score every row offline (no model calls) and write decisions.jsonl, metrics.json, plots and index.html.")
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "JSONL rows (repeatable).")
    List<Path> data = new ArrayList<>();

    @Option(names = "--strong", defaultValue = "gpt-4-1106-preview", description = "Strong model (default ${DEFAULT-VALUE}).")
    String strong;

    @Option(names = "--weak", defaultValue = "mixtral-8x7b-instruct", description = "Weak model (default ${DEFAULT-VALUE}).")
    String weak;

    @Option(names = "--router", defaultValue = "classifier",
            description = "classifier[:MODEL_FILE], complexity, length, random[:SEED], oracle (default ${DEFAULT-VALUE}).")
    String router;

    @Option(names = "--ladder", split = ",", paramLabel = "MODEL",
            description = "N-model ladder, cheapest first: the learned router's quality-cost frontier against every single model.")
    List<String> ladder = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--strategy", defaultValue = "classifier",
            description = "classifier (score and sweep the threshold) or cascade (also compare cascade and classifier + gate "
                    + "at equal quality, counting the double spend of escalations; writes cascade.md). Default ${DEFAULT-VALUE}.")
    String strategy;

    @Option(names = "--scores", paramLabel = "SPEC",
            description = "With --strategy cascade: use precomputed scores, oof:FILE or decisions:FILE, instead of --router.")
    String scores;

    @Option(names = "--gate-recall", defaultValue = "0.8", description = "Assumed share of bad cheap answers the gate rejects (default ${DEFAULT-VALUE}).")
    double gateRecall;

    @Option(names = "--gate-fpr", defaultValue = "0.15", description = "Assumed share of good cheap answers the gate rejects (default ${DEFAULT-VALUE}).")
    double gateFpr;

    @Option(names = "--gate-seed", defaultValue = "42", description = "Seed of the simulated gate's draws (default ${DEFAULT-VALUE}).")
    long gateSeed;

    @Option(names = "--gate-check-cost", defaultValue = "0", description = "Cost of one gate check as a multiple of the cheap call (0 for rule gates, ~1 for a judge).")
    double gateCheckCost;

    @Override
    public Integer call() throws Exception {
        List<Row> rows = Rows.read(data).stream().filter(r -> TwoTier.usable(r, strong, weak)).toList();
        if (rows.isEmpty()) {
            System.err.println("tiergate replay: no row has both " + strong + " and " + weak);
            return 2;
        }
        if ("cascade".equals(strategy)) {
            return cascade(rows);
        }
        if (!"classifier".equals(strategy)) {
            System.err.println("tiergate replay: --strategy must be classifier or cascade");
            return 2;
        }
        RouterSpecs.Scored scored = RouterSpecs.score(router, rows, strong, weak,
                new Progress(System.err, "routing", rows.size()));
        TwoTier two = new TwoTier(rows, scored.score(), strong, weak);
        LadderReplay lad = null;
        if (!ladder.isEmpty()) {
            if (scored.perModel() == null) {
                System.err.println("tiergate replay: --ladder needs the learned router (classifier)");
                return 2;
            }
            lad = ladderReplay(rows, scored);
        }
        ObjectNode m = Replay.write(out, two, lad, router);
        System.out.printf(Locale.ROOT, "%d rows  APGR %.3f  CPT(50%%) %.1f%%  CPT(80%%) %.1f%%  strong %.3f  weak %.3f%n",
                rows.size(), m.path("apgr").asDouble(), 100 * m.path("cpt50").asDouble(), 100 * m.path("cpt80").asDouble(),
                m.path("strong_quality").asDouble(), m.path("weak_quality").asDouble());
        if (lad != null) {
            ObjectNode l = (ObjectNode) m.path("ladder");
            System.out.println("ladder: dominates every single model: " + l.path("dominates_every_single_model").asBoolean());
            l.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("reach_")) {
                    System.out.printf(Locale.ROOT, "  %s: reached %s at %.1f%% of its cost%n", e.getKey(),
                            e.getValue().path("reached").asBoolean(), 100 * e.getValue().path("cost_ratio").asDouble(Double.NaN));
                }
            });
        }
        System.out.println("wrote " + out.resolve("index.html"));
        return 0;
    }

    /** Cascade, classifier and classifier + gate compared at equal quality; the report goes to cascade.md. */
    private int cascade(List<Row> rows) throws java.io.IOException {
        PairedRows paired = PairedRows.of(rows, strong, weak);
        double[] score = scores != null ? Scores.fromSpec(scores, paired)
                : RouterSpecs.score(router, paired.rows(), strong, weak, new Progress(System.err, "routing", paired.size())).score();
        CascadeReport report = CascadeReplay.compare(data.toString(), paired, score,
                scores != null ? Scores.describe(scores) : router, new GateModel.Noisy(gateRecall, gateFpr, gateSeed, gateCheckCost));
        java.nio.file.Files.createDirectories(out);
        java.nio.file.Path file = out.resolve("cascade.md");
        java.nio.file.Files.writeString(file, report.markdown());
        System.out.print(report.markdown());
        System.out.println("wrote " + file);
        return 0;
    }

    private LadderReplay ladderReplay(List<Row> rows, RouterSpecs.Scored scored) {
        int[] idx = ladder.stream().mapToInt(scored.models()::indexOf).toArray();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0) {
                throw new IllegalArgumentException("the router model does not know " + ladder.get(i));
            }
        }
        List<Row> kept = new ArrayList<>();
        List<double[]> q = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (!ladder.stream().allMatch(r::has)) {
                continue;
            }
            double[] t = new double[idx.length];
            for (int j = 0; j < idx.length; j++) {
                t[j] = scored.perModel()[i][idx[j]];
            }
            kept.add(r);
            q.add(t);
        }
        return new LadderReplay(ladder, kept, q.toArray(new double[0][]), scored.rule());
    }
}
