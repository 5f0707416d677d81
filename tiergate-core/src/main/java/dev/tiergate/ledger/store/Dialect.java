package dev.tiergate.ledger.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** What differs between SQLite and PostgreSQL: connecting, creating the schema, partitions and retention. */
interface Dialect {
    String kind();

    Connection connect() throws SQLException;

    /** Creates or upgrades the schema; called once when the store opens. */
    void migrate() throws SQLException;

    void maintain(Connection connection, Instant now, Duration retention) throws SQLException;

    /** Stops anything the dialect runs in the background. */
    default void close() {}
}
