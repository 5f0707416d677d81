package dev.tiergate.cli;

import dev.tiergate.config.ConfigException;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.eval.judged.EvalException;
import dev.tiergate.eval.judged.EvalItem;
import dev.tiergate.eval.judged.EvalRunner;
import dev.tiergate.eval.judged.EvalSet;
import dev.tiergate.eval.judged.EvalSettings;
import dev.tiergate.eval.judged.LedgerPromptSource;
import dev.tiergate.eval.judged.PriceOverlay;
import dev.tiergate.eval.judged.RecordedPrompt;
import dev.tiergate.eval.judged.RunOutcome;
import dev.tiergate.eval.judged.RunStatus;
import dev.tiergate.eval.judged.RunSummary;
import dev.tiergate.eval.judged.StratifiedSample;
import dev.tiergate.ledger.config.LedgerConfig;
import dev.tiergate.ledger.config.LedgerSections;
import dev.tiergate.ledger.report.Window;
import dev.tiergate.provider.Providers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tiergate eval}: measures a route on your own prompts against a baseline model, judged by a model of another
 * family, and writes the report ({@code run}); builds the prompt set from recorded traffic or the bundled sample
 * ({@code sample}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a route on your prompts: quality preserved against a baseline model, judged by another model family, and the cost saved.",
        subcommands = {EvalCommand.Run.class, EvalCommand.Sample.class})
final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Send every prompt to the baseline and through the route, have the judge score each routed answer 1-5 "
                    + "against the baseline's, and write report.html, report.json and rows.jsonl to the output directory.",
                    "Rerunning into the same directory skips finished prompts. Exit code 0: complete; 3: stopped early "
                            + "(spending cap, Ctrl-C, errors); 2: bad input."})
    static final class Run implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--set", required = true, paramLabel = "FILE", description = "Eval set: JSONL with prompt or messages, optional id, category, tier.")
        Path set;

        @Option(names = "--route", defaultValue = "auto", description = "Route to evaluate (default: ${DEFAULT-VALUE}).")
        String route;

        @Option(names = "--baseline", required = true, paramLabel = "MODEL", description = "Model (config name) every prompt is also sent to directly.")
        String baseline;

        @Option(names = "--judge", required = true, paramLabel = "MODEL", description = "Judge model (config name), of another family than the ladder and baseline.")
        String judge;

        @Option(names = "--judge2", paramLabel = "MODEL", description = "Optional second judge: the report adds their agreement (Cohen's kappa).")
        String judge2;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (also the checkpoint: rerun to resume).")
        Path out;

        @Option(names = "--pass-score", defaultValue = "3", description = "Routed score (1-5) that counts as quality preserved (default: ${DEFAULT-VALUE}).")
        int passScore;

        @Option(names = "--price-overlay", paramLabel = "FILE", description = "YAML/JSON model -> {input, output, cached_input} USD per 1M tokens: re-price the measured tokens (a projection).")
        Path priceOverlay;

        @Option(names = "--allow-same-family-judge", description = "Allow a judge of the same (or an unknown) family as the candidates.")
        boolean allowSameFamilyJudge;

        @Option(names = "--concurrency", defaultValue = "4", description = "Prompts evaluated at once (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--rate-limit", paramLabel = "MODEL=RPM", description = "Requests per minute for a model (repeatable).")
        Map<String, Double> rateLimits = new LinkedHashMap<>();

        @Option(names = "--max-spend", paramLabel = "USD", description = "Stop starting prompts once the eval (this directory, earlier runs included) has spent this much.")
        Double maxSpend;

        @Option(names = "--retry-excluded", description = "Run again the finished prompts whose baseline or judge call failed.")
        boolean retryExcluded;

        @Option(names = "--quiet", description = "No progress bar.")
        boolean quiet;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            EvalRunner runner;
            List<EvalItem> items;
            try {
                TiergateConfig loaded = config.load();
                items = EvalSet.read(set);
                runner = new EvalRunner(loaded, settings(), Providers::create, quiet ? null : System.err);
            } catch (ConfigException e) {
                err.println("tiergate: invalid configuration\n" + e.getMessage());
                return 2;
            } catch (EvalException e) {
                err.println("tiergate eval: " + e.getMessage());
                return 2;
            }
            // Ctrl-C: stop starting prompts, cancel the calls in flight, and let run() write the report before exiting
            Thread hook = new Thread(() -> {
                runner.interrupt();
                try {
                    runner.awaitFinished(Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tiergate-eval-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            RunOutcome outcome;
            try {
                outcome = runner.run(items, this.out);
            } catch (EvalException e) {
                err.println("tiergate eval: " + e.getMessage());
                return 2;
            } catch (ConfigException e) { // a route's gates are only read when the gateway is built
                err.println("tiergate: invalid configuration\n" + e.getMessage());
                return 2;
            } finally {
                removeHook(hook);
            }
            RunSummary.lines(outcome).forEach(out::println);
            out.flush();
            return outcome.status() == RunStatus.COMPLETE ? 0 : 3;
        }

        private EvalSettings settings() {
            PriceOverlay overlay = priceOverlay == null ? PriceOverlay.NONE : PriceOverlay.read(priceOverlay);
            return new EvalSettings(route, baseline, judge, judge2, passScore, concurrency, rateLimits,
                    maxSpend == null ? Double.POSITIVE_INFINITY : maxSpend, allowSameFamilyJudge, retryExcluded, overlay);
        }

        private static void removeHook(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook is running and waits for us
            }
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Write an eval set: drawn from the prompts the ledger stored (ledger.store_prompts: true), or the bundled 100-prompt sample.")
    static final class Sample implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--from-ledger", required = true, description = "Draw from the prompts stored in the config's ledger.")
            boolean fromLedger;

            @Option(names = "--builtin", required = true, description = "The bundled sample set: 100 prompts, 9 categories, 3 complexity tiers.")
            boolean builtin;
        }

        @Option(names = "--n", defaultValue = "500", description = "Prompts to draw (default: ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--stratify", defaultValue = "category", description = "category (keep the traffic's mix, every category at least once) or none (default: ${DEFAULT-VALUE}).")
        String stratify;

        @Option(names = "--since", defaultValue = "30d", paramLabel = "AGE", description = "How far back: 30m, 24h, 7d, 2w or an ISO instant (default: ${DEFAULT-VALUE}).")
        String since;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the draw: the same ledger and seed give the same set (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write the set (default: standard output).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            List<EvalItem> items;
            try {
                items = source.builtin ? EvalSet.bundledSample() : fromLedger(err);
            } catch (ConfigException e) {
                err.println("tiergate: invalid configuration\n" + e.getMessage());
                return 2;
            } catch (EvalException | IllegalArgumentException e) {
                err.println("tiergate eval sample: " + e.getMessage());
                return 2;
            }
            if (items == null) {
                return 1;
            }
            if (out == null) {
                spec.commandLine().getOut().print(EvalSet.jsonl(items));
                spec.commandLine().getOut().flush();
            } else {
                EvalSet.write(out, items);
                err.println("wrote " + items.size() + " prompts to " + out);
            }
            return 0;
        }

        private List<EvalItem> fromLedger(PrintWriter err) {
            if (!"category".equals(stratify) && !"none".equals(stratify)) {
                throw new EvalException("--stratify must be category or none, not " + stratify);
            }
            LedgerConfig ledger = LedgerSections.read(config.load()).ledger();
            Instant from = Window.parse(since, Instant.now()).since();
            List<RecordedPrompt> prompts = new ArrayList<>();
            try {
                new LedgerPromptSource(ledger).scan(from, prompts::add);
            } catch (IOException e) {
                err.println("tiergate eval sample: " + e.getMessage());
                return null;
            }
            if (prompts.isEmpty()) {
                err.println("tiergate eval sample: the ledger holds no stored prompts since " + from + "; set ledger.store_prompts: true "
                        + "in the config, let traffic flow through the gateway, then sample again");
                return null;
            }
            return StratifiedSample.draw(prompts, n, "category".equals(stratify), seed);
        }
    }

    /** For tests: the command line with its subcommands. */
    static CommandLine commandLine() {
        return new CommandLine(new EvalCommand());
    }
}
