package dev.tiergate.ledger.store;

import dev.tiergate.ledger.Services;
import dev.tiergate.ledger.config.LedgerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The ledger contract on PostgreSQL (Flyway-migrated, monthly partitions), each test in a throw-away schema.
 * The outage is real: the store talks through a loopback proxy that cuts every connection.
 * Skipped with a message when 127.0.0.1:5432 is unreachable, failed instead with TIERGATE_REQUIRE_SERVICES=1.
 */
class PostgresLedgerStoreTest extends LedgerStoreContract {
    private final String schema = "ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private boolean reachable;

    @BeforeEach
    void needPostgres() {
        Services.requirePostgres();
        reachable = true;
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (!reachable) {
            return; // skipped: there is no database to clean
        }
        try (Connection c = DriverManager.getConnection(Services.postgresUrl(), Services.postgresUser(), null);
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    LedgerConfig ledgerConfig(Path dir) {
        return LedgerConfig.DEFAULT.withPostgres(Services.postgresUrl(), Services.postgresUser(), schema, dir.resolve("ledger.spool"));
    }

    @Override
    String ledgerYaml(Path dir) {
        return "ledger: {store: postgres, url: '" + Services.postgresUrl() + "', user: " + Services.postgresUser() + ", schema: " + schema
                + ", spool: '" + dir.resolve("ledger.spool") + "', flush_interval: 5ms}\n";
    }

    @Override
    Outage outage(Path dir) throws Exception {
        TcpProxy proxy = new TcpProxy(Services.POSTGRES_PORT);
        LedgerStore store = JdbcLedgerStore.open(LedgerConfig.DEFAULT.withPostgres(Services.postgresUrl(proxy.port()),
                Services.postgresUser(), schema, dir.resolve("ledger.spool")));
        return new Outage() {
            @Override
            public LedgerStore store() {
                return store;
            }

            @Override
            public void down() throws Exception {
                proxy.down();
            }

            @Override
            public void up() throws Exception {
                proxy.up();
            }

            @Override
            public void close() throws Exception {
                store.close();
                proxy.close();
            }
        };
    }
}
