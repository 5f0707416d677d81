package dev.tiergate.cli;

import static dev.tiergate.ledger.Records.answered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.json.Json;
import dev.tiergate.ledger.LedgerTestKit;
import dev.tiergate.ledger.ShadowRecord;
import dev.tiergate.ledger.config.LedgerConfig;
import dev.tiergate.ledger.store.JdbcLedgerStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    @TempDir
    Path dir;

    private Path configFile;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void ledgerWithTraffic() throws Exception {
        Path db = dir.resolve("ledger.db");
        configFile = dir.resolve("tiergate.yaml");
        Files.writeString(configFile, LedgerTestKit.BASE + "ledger: {path: '" + db + "'}\n");
        long now = Instant.now().toEpochMilli();
        try (JdbcLedgerStore store = JdbcLedgerStore.open(LedgerConfig.DEFAULT.withSqlite(db, dir.resolve("spool")))) {
            store.write(List.of(
                    answered("r1", now - 1000, "auto", "chat", "team-a", "cheap", 0, 0.001, 0.004, 120),
                    answered("r2", now - 2000, "auto", "code", "team-b", "cheap", 0, 0.001, 0.004, 80),
                    answered("r3", now - 3000, "top", "code", "team-b", "frontier", 2, 0.002, 0.002, 400),
                    new ShadowRecord("r1", now - 500, "team-a", "auto", "chat", "cheap", "cheap", "frontier", "judge", "tie", "routed",
                            true, 10, 12, 0.0001)));
        }
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new ReportCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void printsTheHeadlineAndABreakdown() {
        int code = run("--config", configFile.toString(), "--since", "1d", "--by", "route");

        assertThat(code).isEqualTo(0);
        assertThat(out.toString())
                .contains("60.0% cheaper at 100.0% parity (1 shadow sample)")
                .contains("tier mix: cheap 66.7%  frontier 33.3%")
                .contains("by route")
                .containsPattern("auto\\s+2\\s+0\\.0020\\s+0\\.0080\\s+75\\.0%");
    }

    @Test
    void printsJsonLikeTheEndpoint() throws Exception {
        assertThat(run("--config", configFile.toString(), "--by", "key", "--json")).isEqualTo(0);

        JsonNode report = Json.parse(out.toString());
        assertThat(report.path("totals").path("requests").asInt()).isEqualTo(3);
        assertThat(report.path("by").asText()).isEqualTo("key");
        assertThat(report.path("groups").path(0).path("key").asText()).isEqualTo("team-b");
    }

    @Test
    void explainsBadInputAndAMissingLedger() throws Exception {
        assertThat(run("--config", configFile.toString(), "--by", "colour")).isEqualTo(2);
        assertThat(err.toString()).contains("route, tier, category or key");

        Files.writeString(configFile, LedgerTestKit.BASE + "ledger: {path: '" + dir.resolve("none.db") + "'}\n");
        assertThat(run("--config", configFile.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no ledger at");
    }
}
