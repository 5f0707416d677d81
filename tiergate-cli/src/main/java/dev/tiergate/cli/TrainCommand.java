package dev.tiergate.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.eval.data.Row;
import dev.tiergate.eval.data.Rows;
import dev.tiergate.eval.replay.Progress;
import dev.tiergate.eval.train.Featurized;
import dev.tiergate.eval.train.Trainer;
import dev.tiergate.json.Json;
import dev.tiergate.router.learned.PromptEmbedder;
import dev.tiergate.router.learned.RouterModel;
import dev.tiergate.router.learned.ScoreRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the learned router from rows in the shared row format (deterministic for a seed).")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "JSONL rows (repeatable).")
    List<Path> data = new ArrayList<>();

    @Option(names = "--out", paramLabel = "MODEL", description = "Where to write the model (.tgrm).")
    Path out;

    @Option(names = "--seed", defaultValue = "7", description = "Seed for CV folds and initialisation (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--candidate", defaultValue = Trainer.DEFAULT_CANDIDATE,
            description = "Model family and hyper-parameters: knn:K:GAMMA:PRIOR, ridge:LAMBDA, logistic:L2:EPOCHS, "
                    + "mlp:HIDDEN:L2:EPOCHS, mf:RANK:L2:EPOCHS, features (default ${DEFAULT-VALUE}).")
    String candidate;

    @Option(names = "--embedding", defaultValue = "ALL_MINILM_L6_V2_Q",
            description = "ALL_MINILM_L6_V2_Q or BGE_SMALL_EN_V15_Q (default ${DEFAULT-VALUE}).")
    PromptEmbedder.Model embedding;

    @Option(names = "--max-tokens", defaultValue = "" + Trainer.DEFAULT_MAX_TOKENS,
            description = "Embedding token budget, tail of the final question (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--head-tokens", defaultValue = "0", description = "Of the budget, tokens taken from the start.")
    int headTokens;

    @Option(names = "--rule", defaultValue = "GAP", description = "GAP, WEAK_FAIL or ONLY_STRONG (default ${DEFAULT-VALUE}).")
    ScoreRule rule;

    @Option(names = "--strong", defaultValue = Trainer.STRONG, description = "Strong reference model.")
    String strong;

    @Option(names = "--weak", defaultValue = Trainer.WEAK, description = "Weak reference model.")
    String weak;

    @Option(names = "--strip-boilerplate",
            description = "Remove template lines (\"Answer:\", shared instructions) before embedding (off by default: it did not help CV APGR).")
    boolean stripBoilerplate;

    @Option(names = "--cv", description = "Also cross-validate (5-fold by source + leave-one-source-out) and print the metrics.")
    boolean cv;

    @Option(names = "--ladder", split = ",", paramLabel = "MODEL",
            description = "With --cv: N-model frontier over these models, cheapest first.")
    List<String> ladder = new ArrayList<>();

    @Option(names = "--cv-out", paramLabel = "FILE", description = "With --cv: write the CV metrics JSON here.")
    Path cvOut;

    @Option(names = "--oof-out", paramLabel = "FILE", description = "With --cv: write out-of-fold predictions (JSONL).")
    Path oofOut;

    @Option(names = "--loso-out", paramLabel = "FILE",
            description = "With --cv: write leave-one-source-out predictions (JSONL).")
    Path losoOut;

    @Option(names = "--embedding-cache", paramLabel = "FILE", description = "Cache the row embeddings in this file.")
    Path embeddingCache;

    @Override
    public Integer call() throws Exception {
        if (out == null && !cv) {
            System.err.println("tiergate train: give --out MODEL and/or --cv");
            return 2;
        }
        List<Row> rows = Rows.read(data);
        Trainer.Config cfg = new Trainer.Config(candidate, embedding, maxTokens, headTokens, rule, seed, strong, weak,
                stripBoilerplate);
        Featurized d = Trainer.featurize(rows, cfg, embeddingCache, new Progress(System.err, "embedding", rows.size()));
        if (cv) {
            ObjectNode metrics = Trainer.crossValidate(d, cfg, ladder, oofOut, losoOut);
            String text = Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metrics);
            if (cvOut != null) {
                Files.writeString(cvOut, text);
            }
            System.out.println(text);
        }
        if (out != null) {
            RouterModel model = Trainer.train(d, cfg, data.stream().map(Path::toString).toList());
            model.write(out);
            System.err.printf("wrote %s (%d bytes): %s on %s/%d tokens, %d rows, default threshold %.4f%n", out,
                    Files.size(out), candidate, embedding, maxTokens, rows.size(), model.defaultThreshold());
        }
        return 0;
    }
}
