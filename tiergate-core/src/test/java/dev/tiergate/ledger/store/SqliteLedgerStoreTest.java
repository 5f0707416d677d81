package dev.tiergate.ledger.store;

import dev.tiergate.ledger.config.LedgerConfig;
import java.nio.file.Path;

/** The ledger contract on the embedded default: SQLite in WAL mode. */
class SqliteLedgerStoreTest extends LedgerStoreContract {

    @Override
    LedgerConfig ledgerConfig(Path dir) {
        return LedgerConfig.DEFAULT.withSqlite(dir.resolve("ledger.db"), dir.resolve("ledger.spool"));
    }

    @Override
    String ledgerYaml(Path dir) {
        return "ledger: {path: '" + dir.resolve("ledger.db") + "', spool: '" + dir.resolve("ledger.spool") + "', flush_interval: 5ms}\n";
    }

    @Override
    Outage outage(Path dir) {
        FlakyStore store = new FlakyStore(JdbcLedgerStore.open(ledgerConfig(dir)));
        return new Outage() {
            @Override
            public LedgerStore store() {
                return store;
            }

            @Override
            public void down() {
                store.down();
            }

            @Override
            public void up() {
                store.up();
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
