package dev.tiergate.ledger.report;

import dev.tiergate.ledger.store.LedgerStore;
import java.sql.SQLException;

/** Builds a report from a store: one scan of the window's requests and one of its shadow comparisons. */
public final class Reports {
    private final LedgerStore store;

    public Reports(LedgerStore store) {
        this.store = store;
    }

    public SavingsReport build(Window window, Dimension by) throws SQLException {
        ReportBuilder builder = new ReportBuilder(window, by);
        store.scanRequests(window.since(), builder::add);
        store.scanShadow(window.since(), builder::add);
        return builder.build();
    }
}
