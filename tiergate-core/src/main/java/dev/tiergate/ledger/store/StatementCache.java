package dev.tiergate.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The write connection's prepared statements, kept for the connection's life. Compiling a multi-row INSERT costs
 * more than running it for a small batch: at a steady trickle of requests SQLite spent as much CPU in
 * {@code prepare} as in {@code step} (JFR at concurrency 1), on the writer thread that shares the cores with the
 * request path. Only the writer thread uses it.
 */
final class StatementCache implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Closes the statements and the connection. */
    @Override
    public void close() throws SQLException {
        statements.clear();
        connection.close(); // closes its statements too
    }
}
