package dev.tiergate.eval.judged;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tiergate.json.Json;
import dev.tiergate.ledger.config.LedgerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * Reads stored prompts straight from the ledger's {@code ledger_request} table (the ledger store offers no scan of
 * prompts yet), read-only, so it is safe next to a running gateway. Rows whose prompt is not a JSON list of
 * messages are skipped: the set must only hold prompts that can be replayed.
 */
public final class LedgerPromptSource implements PromptSource {
    private static final String QUERY = "SELECT id, ts, category, prompt FROM ledger_request WHERE ts >= ? AND prompt IS NOT NULL ORDER BY ts, id";
    private static final int FETCH_SIZE = 2_000;
    private final LedgerConfig ledger;

    public LedgerPromptSource(LedgerConfig ledger) {
        this.ledger = ledger;
    }

    @Override
    public void scan(Instant since, Consumer<RecordedPrompt> prompts) throws IOException {
        if (ledger.backend() == LedgerConfig.Backend.SQLITE && !Files.exists(ledger.path())) {
            throw new IOException("no ledger at " + ledger.path().toAbsolutePath());
        }
        try (Connection connection = connect()) {
            connection.setAutoCommit(false); // PostgreSQL streams rows with a cursor only inside a transaction
            try (PreparedStatement query = connection.prepareStatement(QUERY)) {
                query.setFetchSize(FETCH_SIZE);
                query.setLong(1, since.toEpochMilli());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        ArrayNode messages = messages(rs.getString(4));
                        if (messages != null) {
                            prompts.accept(new RecordedPrompt(rs.getString(1), rs.getLong(2), category(rs.getString(3)), messages));
                        }
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("cannot read prompts from the " + ledger.backend().name().toLowerCase(java.util.Locale.ROOT)
                    + " ledger: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        if (ledger.backend() == LedgerConfig.Backend.SQLITE) {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(5_000);
            return DriverManager.getConnection("jdbc:sqlite:" + ledger.path(), config.toProperties());
        }
        Properties props = new Properties();
        if (ledger.user() != null) {
            props.setProperty("user", ledger.user());
        }
        if (ledger.password().isPresent()) {
            props.setProperty("password", ledger.password().value());
        }
        props.setProperty("readOnly", "true");
        props.setProperty("connectTimeout", "5");
        Connection connection = DriverManager.getConnection(ledger.url(), props);
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path TO \"" + ledger.schema().replace("\"", "\"\"") + "\"");
        }
        return connection;
    }

    private static ArrayNode messages(String stored) {
        try {
            JsonNode json = Json.parse(stored);
            return json instanceof ArrayNode array && !array.isEmpty() ? array : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String category(String stored) {
        return stored == null || stored.isBlank() ? EvalItem.UNCATEGORIZED : stored;
    }
}
