package dev.tiergate.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tiergate.eval.data.Row;
import dev.tiergate.eval.data.Rows;
import dev.tiergate.eval.replay.Calibration;
import dev.tiergate.eval.replay.Progress;
import dev.tiergate.eval.replay.RouterSpecs;
import dev.tiergate.eval.replay.TwoTier;
import dev.tiergate.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Pick the router threshold for a quality target or a share of strong calls, and show what it buys.")
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "JSONL rows (repeatable).")
    List<Path> data = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--target-quality", paramLabel = "FRACTION",
                description = "Reach this fraction of the strong model's quality (0.95 = 95%), as cheaply as possible.")
        Double quality;

        @Option(names = "--strong-fraction", paramLabel = "FRACTION", description = "Send this share of prompts to the strong model.")
        Double strongFraction;
    }

    @Option(names = "--router", defaultValue = "classifier", description = "classifier[:MODEL_FILE], complexity, ... (default ${DEFAULT-VALUE}).")
    String router;

    @Option(names = "--strong", defaultValue = "gpt-4-1106-preview")
    String strong;

    @Option(names = "--weak", defaultValue = "mixtral-8x7b-instruct")
    String weak;

    @Option(names = "--json", description = "Print JSON only.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Row> rows = Rows.read(data).stream().filter(r -> TwoTier.usable(r, strong, weak)).toList();
        if (rows.isEmpty()) {
            System.err.println("tiergate calibrate: no row has both " + strong + " and " + weak);
            return 2;
        }
        RouterSpecs.Scored scored = RouterSpecs.score(router, rows, strong, weak,
                json ? Progress.none() : new Progress(System.err, "routing", rows.size()));
        TwoTier two = new TwoTier(rows, scored.score(), strong, weak);
        Calibration c = target.quality != null
                ? Calibration.forTargetQuality(two, target.quality)
                : Calibration.forStrongFraction(two, target.strongFraction);
        if (json) {
            System.out.println(Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(c.json()));
            return 0;
        }
        System.out.printf(Locale.ROOT, "threshold: %.6f%n", c.threshold());
        System.out.printf(Locale.ROOT, "  strong calls     %.1f%%%n", 100 * c.strongFraction());
        System.out.printf(Locale.ROOT, "  expected quality %.4f (strong %.4f, weak %.4f; PGR %.3f)%n", c.quality(),
                c.strongQuality(), c.weakQuality(), c.pgr());
        System.out.printf(Locale.ROOT, "  expected cost    $%.4f for %d prompts = %.1f%% of all-strong ($%.4f), all-weak $%.4f%n",
                c.costUsd(), rows.size(), 100 * c.costUsd() / c.strongCostUsd(), c.strongCostUsd(), c.weakCostUsd());
        System.out.printf(Locale.ROOT, "config:%n  routes:%n    - name: auto%n      strategy: %s%n      threshold: %.6f%n",
                router.startsWith("classifier") ? "classifier" : router, c.threshold());
        return 0;
    }
}
