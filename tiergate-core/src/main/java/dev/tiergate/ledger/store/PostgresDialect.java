package dev.tiergate.ledger.store;

import dev.tiergate.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * PostgreSQL: Flyway migrations (classpath {@code db/ledger/postgresql}, history in {@code ledger_schema_history})
 * into a configurable schema, monthly partitions kept by {@link PostgresPartitions}, batched inserts rewritten
 * into multi-row statements by the driver.
 */
final class PostgresDialect implements Dialect {
    private final String url;
    private final String user;
    private final Secret password;
    private final String schema;

    PostgresDialect(String url, String user, Secret password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password.isPresent()) {
            props.setProperty("password", password.value());
        }
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "60");
        props.setProperty("ApplicationName", "tiergate-ledger");
        Connection connection = DriverManager.getConnection(url, props);
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path TO " + quoted(schema));
            // a ledger row is bookkeeping, but losing committed rows would break "nothing lost": keep the default
            // synchronous commit; group commit amortises the fsync instead
        }
        return connection;
    }

    @Override
    public void migrate() throws SQLException {
        try {
            Flyway.configure(PostgresDialect.class.getClassLoader())
                    .dataSource(url, user, password.isPresent() ? password.value() : null)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .table("ledger_schema_history")
                    .locations("classpath:db/ledger/postgresql")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new SQLException("ledger migration failed: " + e.getMessage(), e);
        }
        try (Connection connection = connect()) {
            maintain(connection, Instant.now(), Duration.ZERO);
        }
    }

    @Override
    public void maintain(Connection connection, Instant now, Duration retention) throws SQLException {
        new PostgresPartitions(connection).maintain(now, retention);
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
