package dev.tiergate.server;

import dev.tiergate.ledger.report.Dimension;
import dev.tiergate.ledger.report.ReportJson;
import dev.tiergate.ledger.report.Reports;
import dev.tiergate.ledger.report.Window;
import dev.tiergate.pipeline.GatewayException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/report?since=7d&by=route|tier|category|key}: the savings report as JSON. It shows spend per key id,
 * so it needs a gateway key like every other endpoint when keys are configured.
 */
final class ReportHandler implements Handler {
    private static final System.Logger LOG = System.getLogger(ReportHandler.class.getName());

    private final Optional<Reports> reports;
    private final Authenticator authenticator;
    private final Clock clock;

    ReportHandler(Optional<Reports> reports, Authenticator authenticator, Clock clock) {
        this.reports = reports;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        try {
            authenticator.authenticate(req);
            Reports source = reports.orElseThrow(() -> new GatewayException(503, "api_error", "ledger_disabled", null,
                    "the ledger is disabled (ledger.enabled: false), so there is nothing to report", List.of()));
            Window window = parse("since", () -> Window.parse(req.query().first("since").orElse("7d"), clock.instant()));
            Dimension by = parse("by", () -> Dimension.parse(req.query().first("by").orElse(null)).orElse(null));
            HttpExchange.sendJson(res, 200, ReportJson.of(source.build(window, by)));
        } catch (GatewayException e) {
            HttpExchange.sendError(res, e);
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "report: the ledger database failed: " + e.getMessage());
            HttpExchange.sendError(res, new GatewayException(503, "api_error", "ledger_unavailable", null,
                    "the ledger database is unavailable: " + e.getMessage(), List.of()));
        }
    }

    private static <T> T parse(String param, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid(param, e.getMessage());
        }
    }
}
