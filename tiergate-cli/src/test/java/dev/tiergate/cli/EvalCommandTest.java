package dev.tiergate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.json.Json;
import dev.tiergate.ledger.RequestRecord;
import dev.tiergate.ledger.config.LedgerConfig;
import dev.tiergate.ledger.store.JdbcLedgerStore;
import dev.tiergate.testing.LoopbackAnthropic;
import dev.tiergate.testing.LoopbackOpenAi;
import dev.tiergate.testing.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tiergate eval run} and {@code eval sample} from the command line, over loopback upstreams that always give the same reply. */
class EvalCommandTest {
    @TempDir
    Path dir;

    private final LoopbackOpenAi cheap = new LoopbackOpenAi();
    private final LoopbackAnthropic frontier = new LoopbackAnthropic();
    private final LoopbackOpenAi judge = new LoopbackOpenAi();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void close() {
        cheap.close();
        frontier.close();
        judge.close();
    }

    private int run(String... args) {
        CommandLine command = EvalCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private Path config(String extra) throws Exception {
        return Files.writeString(dir.resolve("tiergate.yaml"), """
                defaults: {retry: {max_retries: 0}}
                models:
                  - {name: cheap, provider: openai, model: gpt-5.4-nano, base_url: "%s", api_key: sk, price: {input: 1, output: 2}}
                  - {name: frontier, provider: anthropic, model: claude-opus-4-7, base_url: "%s", api_key: sk, price: {input: 10, output: 20}}
                  - {name: judge, provider: openai, model: gemini-2.5-flash, base_url: "%s", api_key: sk, price: {input: 1, output: 1}}
                ladder: [cheap, frontier]
                routes:
                  - {name: auto, strategy: fixed, tier: cheap}
                """.formatted(cheap.baseUrl(), frontier.baseUrl(), judge.baseUrl()) + extra);
    }

    @Test
    void runWritesTheReportAndPrintsTheHeadline() throws Exception {
        cheap.setDefaultReply(Reply.text("Paris.").withUsage(100, 0, 10));
        frontier.setDefaultReply(Reply.text("The capital of France is Paris.").withUsage(100, 0, 20));
        judge.setDefaultReply(Reply.text("Correct.\nSCORE: 4").withUsage(200, 0, 10));
        Path set = Files.writeString(dir.resolve("set.jsonl"), """
                {"id": "a", "category": "qa", "tier": "low", "prompt": "Capital of France?"}
                {"id": "b", "category": "qa", "tier": "low", "prompt": "Capital of France, again?"}
                """);
        Path report = dir.resolve("report");

        int code = run("run", "--config", config("").toString(), "--set", set.toString(), "--baseline", "frontier", "--judge", "judge",
                "--out", report.toString(), "--quiet");

        assertThat(code).as(err.toString()).isZero();
        // baseline 100×10 + 20×20 = 1400 per prompt, routed 100×1 + 10×2 = 120: 1 − 120/1400
        assertThat(out.toString()).contains("route auto: quality preserved 100.0% (2 / 2), cost reduction 91.4% ($0.002800 → $0.000240)")
                .contains("complete: 2 of 2 prompts finished").contains("report.html");
        assertThat(report.resolve("report.html")).exists();
        assertThat(report.resolve("report.json")).exists();
        assertThat(Files.readAllLines(report.resolve("rows.jsonl"))).hasSize(2);

        assertThat(run("run", "--config", config("").toString(), "--set", set.toString(), "--baseline", "frontier", "--judge", "judge",
                "--out", report.toString(), "--quiet")).isZero();
        assertThat(out.toString()).contains("(2 from an earlier run)");
        assertThat(frontier.requests()).hasSize(2); // the rerun called nothing
    }

    @Test
    void aSameFamilyJudgeOrABadSetIsRefusedWithExitCode2() throws Exception {
        Path set = Files.writeString(dir.resolve("set.jsonl"), "{\"prompt\": \"hi\"}\n");

        assertThat(run("run", "--config", config("").toString(), "--set", set.toString(), "--baseline", "frontier", "--judge", "cheap",
                "--out", dir.resolve("r").toString(), "--quiet")).isEqualTo(2);
        assertThat(err.toString()).contains("the judge cheap (gpt-5.4-nano) is from the openai family").contains("--allow-same-family-judge");

        Files.writeString(set, "{\"prompt\": \"hi\", \"tier\": \"easy\"}\n");
        assertThat(run("run", "--config", config("").toString(), "--set", set.toString(), "--baseline", "frontier", "--judge", "judge",
                "--out", dir.resolve("r").toString(), "--quiet")).isEqualTo(2);
        assertThat(err.toString()).contains("set.jsonl line 1: tier 'easy' is not one of low, medium, high");
        assertThat(cheap.requests()).isEmpty();
    }

    @Test
    void sampleDrawsFromTheLedgersStoredPrompts() throws Exception {
        Path db = dir.resolve("ledger.db");
        Path configFile = config("ledger: {path: '" + db + "', store_prompts: true}\n");
        long now = Instant.now().toEpochMilli();
        try (JdbcLedgerStore store = JdbcLedgerStore.open(LedgerConfig.DEFAULT.withSqlite(db, dir.resolve("spool")).withStorePrompts(true))) {
            store.write(List.of(stored("r1", now - 3000, "code", "Fix my loop"), stored("r2", now - 2000, "chat", "Hello there"),
                    stored("r3", now - 1000, "code", "Fix my loop"))); // the same prompt again: drawn once
        }
        Path set = dir.resolve("from-ledger.jsonl");

        int code = run("sample", "--config", configFile.toString(), "--from-ledger", "--n", "500", "--stratify", "category",
                "--out", set.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readAllLines(set)).containsExactly(
                "{\"id\":\"r2\",\"category\":\"chat\",\"prompt\":\"Hello there\"}",
                "{\"id\":\"r1\",\"category\":\"code\",\"prompt\":\"Fix my loop\"}");
    }

    @Test
    void sampleWritesTheBundledSet() {
        assertThat(run("sample", "--builtin")).isZero();
        assertThat(out.toString().lines()).hasSize(100);
        assertThat(run("sample")).isEqualTo(2); // one of --from-ledger or --builtin is required
    }

    private static RequestRecord stored(String id, long at, String category, String prompt) {
        var messages = Json.array();
        messages.addObject().put("role", "user").put("content", prompt);
        return new RequestRecord(id, at, "team-a", "auto", "fixed", null, null, category, "cheap", "cheap", 0, "cheap", 200, null,
                false, false, false, false, 10, 0, 5, 0.0001, 0.001, 5, "default", 100, 40L, Json.text(messages), List.of());
    }
}
