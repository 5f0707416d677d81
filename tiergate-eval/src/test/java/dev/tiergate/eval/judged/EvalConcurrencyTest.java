package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.config.ConfigLoader;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pricing.PriceCatalog;
import dev.tiergate.provider.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many prompts at once, over in-memory providers that answer by prompt content: the report does not depend on the
 * concurrency, and stopping a run with calls in flight keeps only whole rows, so resuming gives the same report.
 */
class EvalConcurrencyTest {
    private static final String CONFIG = """
            models:
              - {name: cheap, provider: openai, model: gpt-5.4-nano, base_url: "http://127.0.0.1:9/v1", price: {input: 1, output: 2}}
              - {name: mid, provider: anthropic, model: claude-haiku-4-5, base_url: "http://127.0.0.1:9", api_key: k, price: {input: 4, output: 10}}
              - {name: frontier, provider: anthropic, model: claude-opus-4-7, base_url: "http://127.0.0.1:9", api_key: k, price: {input: 20, output: 50}}
              - {name: judge, provider: openai, model: gemini-2.5-flash, base_url: "http://127.0.0.1:9/v1", price: {input: 0.5, output: 1}}
            ladder: [cheap, mid, frontier]
            routes:
              - {name: auto, strategy: cascade, gates: [refusal]}
            """;
    private static final Pattern TASK = Pattern.compile("task (\\d+)");
    private final TiergateConfig config = new ConfigLoader(Map.<String, String>of()::get, PriceCatalog.bundled())
            .parse(CONFIG, "concurrency.yaml", false);

    @TempDir
    Path serial;
    @TempDir
    Path parallel;

    private static List<EvalItem> items() {
        StringBuilder set = new StringBuilder();
        String[] categories = {"qa", "code", "math"};
        for (int i = 1; i <= 24; i++) {
            set.append(String.format("{\"id\": \"t%02d\", \"category\": \"%s\", \"tier\": \"%s\", \"prompt\": \"task %d%s\"}%n", i,
                    categories[i % 3], EvalItem.COMPLEXITIES.get(i % 3), i, i % 4 == 0 ? " (hard)" : ""));
        }
        return EvalSet.parse(set.toString(), "generated");
    }

    /** cheap gives up on hard prompts (the refusal gate sends them to mid); the judge scores 1 + n mod 5 for task n. */
    private static Function<ModelEndpoint, Provider> providers(Duration delay) {
        return endpoint -> new KeyedProvider(endpoint.model(), switch (endpoint.name()) {
            case "cheap" -> prompt -> prompt.contains("hard") ? "I don't know." : "Cheap answer to " + prompt;
            case "mid" -> prompt -> "Mid answer to " + prompt;
            case "frontier" -> prompt -> "Reference answer to " + prompt;
            default -> prompt -> {
                Matcher m = TASK.matcher(prompt);
                return m.find() ? "Judged.\nSCORE: " + (1 + Integer.parseInt(m.group(1)) % 5) : "no task";
            };
        }, delay);
    }

    private EvalSettings settings(int concurrency) {
        return EvalSettings.of("auto", "frontier", "judge", null).withConcurrency(concurrency)
                .withRateLimits(Map.of("judge", 60_000.0)); // 1 ms apart: paced, but not slowed noticeably
    }

    @Test
    void theReportDoesNotDependOnTheConcurrency() throws IOException {
        RunOutcome one = new EvalRunner(config, settings(1), providers(Duration.ZERO), null).run(items(), serial);
        RunOutcome eight = new EvalRunner(config, settings(8), providers(Duration.ofMillis(5)), null).run(items(), parallel);

        assertThat(eight.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(eight.results().report().headline().scored()).isEqualTo(24);
        // score 1 + n mod 5 is at least 3 when n mod 5 is 2, 3 or 4: three in each five of 1..20, plus 22, 23, 24
        assertThat(eight.results().report().headline().preserved()).isEqualTo(15);
        assertThat(eight.results().report().routing().escalated()).isEqualTo(6); // the hard ones: every fourth
        assertSameReport(serial, parallel);
    }

    @Test
    void stoppingWithCallsInFlightKeepsOnlyWholeRowsAndResumesToTheSameReport(@TempDir Path stopped) throws IOException {
        new EvalRunner(config, settings(1), providers(Duration.ZERO), null).run(items(), serial);
        List<String> seen = new ArrayList<>();
        EvalRunner runner = new EvalRunner(config, settings(4), providers(Duration.ofMillis(40)), null);

        RunOutcome interrupted = runner.run(items(), stopped, (row, finished) -> {
            synchronized (seen) {
                seen.add(row.id());
            }
            if (finished == 5) {
                runner.interrupt(); // three other prompts are mid-call now
            }
        });

        assertThat(interrupted.status()).isEqualTo(RunStatus.INTERRUPTED);
        List<String> kept = Files.readAllLines(stopped.resolve(Checkpoint.FILE));
        assertThat(kept).hasSizeLessThan(24).hasSize(seen.size());
        RunOutcome resumed = new EvalRunner(config, settings(4), providers(Duration.ZERO), null).run(items(), stopped);
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(resumed.resumed()).isEqualTo(kept.size());
        assertSameReport(serial, stopped);
    }

    private static void assertSameReport(Path expected, Path actual) throws IOException {
        for (String file : List.of(ReportWriter.JSON, ReportWriter.ROWS, ReportWriter.HTML)) {
            assertThat(Files.readString(actual.resolve(file))).as(file).isEqualTo(Files.readString(expected.resolve(file)));
        }
    }
}
