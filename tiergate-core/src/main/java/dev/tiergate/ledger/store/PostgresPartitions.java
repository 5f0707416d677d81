package dev.tiergate.ledger.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Monthly partitions of the request and attempt tables: this month and the next {@link #AHEAD} exist before any
 * row needs them, and retention drops months that ended before the cutoff (a metadata operation, no row deletes).
 */
final class PostgresPartitions {
    static final int AHEAD = 2;
    private static final String[] PARTITIONED = {"ledger_request", "ledger_attempt"};
    private static final String[] PLAIN = {"ledger_shadow", "ledger_length_pair"};
    private static final Pattern MONTH = Pattern.compile("_y(\\d{4})m(\\d{2})$");
    private static final System.Logger LOG = System.getLogger(PostgresPartitions.class.getName());

    private final Connection connection;

    PostgresPartitions(Connection connection) {
        this.connection = connection;
    }

    void maintain(Instant now, Duration retention) throws SQLException {
        connection.setAutoCommit(true);
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        for (String table : PARTITIONED) {
            for (int i = 0; i <= AHEAD; i++) {
                create(table, current.plusMonths(i));
            }
        }
        if (!retention.isZero()) {
            long cutoff = now.minus(retention).toEpochMilli();
            for (String table : PARTITIONED) {
                for (String partition : partitions(table)) {
                    Matcher m = MONTH.matcher(partition);
                    if (m.find() && start(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).plusMonths(1)) <= cutoff) {
                        execute("DROP TABLE IF EXISTS " + partition);
                    }
                }
                execute("DELETE FROM " + table + "_default WHERE ts < " + cutoff);
            }
            for (String table : PLAIN) {
                execute("DELETE FROM " + table + " WHERE ts < " + cutoff);
            }
        }
    }

    private void create(String table, YearMonth month) throws SQLException {
        String name = table + String.format("_y%04dm%02d", month.getYear(), month.getMonthValue());
        try {
            execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table
                    + " FOR VALUES FROM (" + start(month) + ") TO (" + start(month.plusMonths(1)) + ")");
        } catch (SQLException e) {
            // rows of that month already sit in the default partition; they stay queryable there
            LOG.log(System.Logger.Level.WARNING, "ledger: cannot create partition " + name + ": " + e.getMessage());
        }
    }

    private List<String> partitions(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                     + "JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace "
                     + "WHERE p.relname = '" + table + "' AND n.nspname = current_schema()")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static long start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
