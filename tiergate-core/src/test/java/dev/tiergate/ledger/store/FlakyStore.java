package dev.tiergate.ledger.store;

import dev.tiergate.ledger.LedgerEntry;
import dev.tiergate.ledger.RequestRecord;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A real store whose writes fail while it is "down": an outage without touching the database server. */
final class FlakyStore implements LedgerStore {
    private final LedgerStore real;
    private volatile boolean down;

    FlakyStore(LedgerStore real) {
        this.real = real;
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    private void check() throws SQLException {
        if (down) {
            throw new SQLException("simulated outage");
        }
    }

    @Override
    public void write(List<LedgerEntry> batch) throws SQLException {
        check();
        real.write(batch);
    }

    @Override
    public void maintain(Instant now, Duration retention) throws SQLException {
        check();
        real.maintain(now, retention);
    }

    @Override
    public void scanRequests(Instant since, Consumer<RequestRow> rows) throws SQLException {
        real.scanRequests(since, rows);
    }

    @Override
    public void scanShadow(Instant since, Consumer<ShadowRow> rows) throws SQLException {
        real.scanShadow(since, rows);
    }

    @Override
    public List<RatioSeed> ratioSeeds(Instant since) throws SQLException {
        return real.ratioSeeds(since);
    }

    @Override
    public Optional<RequestRecord> find(String requestId) throws SQLException {
        return real.find(requestId);
    }

    @Override
    public Counts counts() throws SQLException {
        return real.counts();
    }

    @Override
    public String kind() {
        return real.kind();
    }

    @Override
    public void close() {
        real.close();
    }
}
