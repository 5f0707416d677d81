package dev.tiergate.cli;

import dev.tiergate.config.ConfigException;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.json.Json;
import dev.tiergate.ledger.config.LedgerConfig;
import dev.tiergate.ledger.config.LedgerSections;
import dev.tiergate.ledger.report.Dimension;
import dev.tiergate.ledger.report.ReportJson;
import dev.tiergate.ledger.report.ReportText;
import dev.tiergate.ledger.report.Reports;
import dev.tiergate.ledger.report.SavingsReport;
import dev.tiergate.ledger.report.Window;
import dev.tiergate.ledger.store.JdbcLedgerStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tiergate report}: the savings report from the ledger the config names, as text or JSON. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Savings report from the ledger: actual versus counterfactual cost, tier mix, escalations, gate failures, "
                + "latency and parity, stated as \"X%% cheaper at Y%% parity\".")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--since", defaultValue = "7d", paramLabel = "AGE",
            description = "How far back: 30m, 24h, 7d, 2w or an ISO instant (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--by", paramLabel = "DIM", description = "Break down by route, tier, category or key.")
    String by;

    @Option(names = "--json", description = "Print the report as JSON (the same body as GET /v1/report).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LedgerConfig ledger;
        try {
            TiergateConfig loaded = config.load();
            ledger = LedgerSections.read(loaded).ledger();
        } catch (ConfigException e) {
            err.println("tiergate: invalid configuration\n" + e.getMessage());
            return 2;
        }
        Window window;
        Dimension dimension;
        try {
            window = Window.parse(since, Instant.now());
            dimension = Dimension.parse(by).orElse(null);
        } catch (IllegalArgumentException e) {
            err.println("tiergate report: " + e.getMessage());
            return 2;
        }
        if (ledger.backend() == LedgerConfig.Backend.SQLITE && !Files.exists(ledger.path())) {
            err.println("tiergate report: no ledger at " + ledger.path().toAbsolutePath()
                    + " yet; run the gateway (tiergate serve) from this directory and send it some requests");
            return 1;
        }
        try (JdbcLedgerStore store = JdbcLedgerStore.open(ledger)) {
            SavingsReport report = new Reports(store).build(window, dimension);
            out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ReportJson.of(report)) + "\n" : ReportText.of(report));
            out.flush();
            return 0;
        } catch (SQLException e) {
            err.println("tiergate report: cannot read the " + ledger.backend().name().toLowerCase() + " ledger: " + e.getMessage());
            return 1;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
