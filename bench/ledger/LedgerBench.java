// Ledger benchmark: sustained records/s into SQLite and PostgreSQL through the real LedgerWriter (group commit),
// and what a kill -9 loses. Run through bench/ledger/run.sh, which builds tiergate-core and sets the classpath.
//
//   throughput STORE N        write N request records (each with 1 or 2 attempts) as fast as the writer takes them
//   kill STORE TRIALS RATE    start a child that enqueues RATE records/s, kill -9 it after 2-4 s, measure the loss
//   child STORE RATE          (internal) the process that gets killed
//
// STORE is sqlite or postgres (jdbc:postgresql://127.0.0.1:5432/test, schema ledger_bench, user $PGUSER or postgres).
import dev.tiergate.ledger.AttemptRecord;
import dev.tiergate.ledger.RequestRecord;
import dev.tiergate.ledger.config.LedgerConfig;
import dev.tiergate.ledger.store.JdbcLedgerStore;
import dev.tiergate.ledger.store.LedgerWriter;
import dev.tiergate.ledger.store.Spool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

public class LedgerBench {
    static final Path DIR = Path.of(System.getProperty("bench.dir", "bench/results/ledger"));
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String PG_USER = System.getenv().getOrDefault("PGUSER", "postgres");
    static final String SCHEMA = "ledger_bench";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "throughput" -> throughput(args[1], Integer.parseInt(args[2]));
            case "kill" -> kill(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "child" -> child(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static LedgerConfig config(String store) {
        LedgerConfig d = LedgerConfig.DEFAULT;
        return switch (store) {
            case "sqlite" -> d.withSqlite(DIR.resolve("bench.db"), DIR.resolve("bench.spool"));
            case "postgres" -> d.withPostgres(PG_URL, PG_USER, SCHEMA, DIR.resolve("bench.spool"));
            default -> throw new IllegalArgumentException(store);
        };
    }

    static void reset(String store) throws Exception {
        Files.createDirectories(DIR);
        try (var files = Files.list(DIR)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        if (store.equals("postgres")) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    static RequestRecord record(long seq, long at) {
        boolean escalated = seq % 5 == 0;
        List<AttemptRecord> attempts = new ArrayList<>(2);
        attempts.add(new AttemptRecord(0, "cheap", "gpt-5.4-nano", "cheap", 0, 812, 0, 240, 0.000137, 640, 210L, "ok", 200, null, List.of()));
        if (escalated) {
            attempts.add(new AttemptRecord(1, "frontier", "claude-opus-4-7", "frontier", 2, 812, 0, 310, 0.01181, 2100, 700L, "ok", 200, null, List.of()));
        }
        return new RequestRecord("tg-" + seq, at, "team-" + (seq % 7), "auto", "classifier", 0.31, 0.5, "chat", "cheap",
                escalated ? "frontier" : "cheap", escalated ? 2 : 0, escalated ? "frontier" : "cheap", 200, null, seq % 3 == 0,
                escalated, false, escalated, 812, 0, escalated ? 310 : 240, escalated ? 0.011947 : 0.000137, 0.01218,
                escalated ? 310 : 240, escalated ? "frontier" : "default", escalated ? 2750 : 640, 210L, null, attempts);
    }

    static LedgerWriter writer(JdbcLedgerStore store, LedgerConfig c) throws Exception {
        return new LedgerWriter(store, new Spool(c.spool()), new LedgerWriter.Settings(c.queueCapacity(), c.batchSize(),
                c.flushInterval(), c.retryInterval(), Duration.ZERO), Clock.systemUTC()).start();
    }

    static void throughput(String store, int n) throws Exception {
        reset(store);
        LedgerConfig c = config(store);
        try (JdbcLedgerStore s = JdbcLedgerStore.open(c)) {
            LedgerWriter w = writer(s, c);
            // warm-up: JIT, connections, first partition pages
            for (int i = 0; i < 20_000; i++) {
                w.accept(record(-i - 1, System.currentTimeMillis()));
            }
            w.awaitIdle(Duration.ofMinutes(2));
            long start = System.nanoTime();
            int high = c.queueCapacity() - c.batchSize();
            for (int i = 0; i < n; i++) {
                while (w.queued() >= high) { // measure the database, not the spool: wait for room (parked: 2 cores)
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
                w.accept(record(i, System.currentTimeMillis()));
            }
            if (!w.awaitIdle(Duration.ofMinutes(10))) {
                throw new IllegalStateException("writer did not drain");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            w.close();
            var counts = s.counts();
            long attempts = n + n / 5;
            System.out.printf("%s: %,d request records (+%,d attempt rows) in %.2f s = %,.0f records/s (%,.0f rows/s); spooled %d%n",
                    store, n, attempts, seconds, n / seconds, (n + attempts) / seconds, w.stats().spooled());
            System.out.printf("%s: stored requests=%,d attempts=%,d; load average %s%n", store, counts.requests(), counts.attempts(), load());
        }
    }

    static void child(String store, int rate) throws Exception {
        LedgerConfig c = config(store);
        JdbcLedgerStore s = JdbcLedgerStore.open(c);
        LedgerWriter w = writer(s, c);
        // the newest accepted record (seq, enqueue time) in shared memory: it survives the kill, unlike stdout buffers
        java.nio.MappedByteBuffer progress;
        try (var ch = java.nio.channels.FileChannel.open(DIR.resolve("progress"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            progress = ch.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0, 16);
        }
        progress.putLong(0, -1);
        System.out.println("ready");
        System.out.flush();
        long start = System.nanoTime();
        for (long seq = 0; ; seq++) {
            long due = start + seq * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long at = System.currentTimeMillis();
            w.accept(record(seq, at));
            progress.putLong(8, at);
            progress.putLong(0, seq);
        }
    }

    static void kill(String store, int trials, int rate) throws Exception {
        List<Long> windows = new ArrayList<>();
        List<Long> lost = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            reset(store);
            JdbcLedgerStore.open(config(store)).close(); // schema ready before the clock starts
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "-Dbench.dir=" + DIR,
                    System.getProperty("bench.source", "bench/ledger/LedgerBench.java"), "child", store, Integer.toString(rate))
                    .redirectErrorStream(true).start();
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // compiler and driver chatter
            }
            Thread.sleep(2000 + ThreadLocalRandom.current().nextInt(2000));
            long killedAt = System.currentTimeMillis();
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
            child.waitFor();
            try (JdbcLedgerStore s = JdbcLedgerStore.open(config(store))) {
                long[] stats = newest(store);
                java.nio.ByteBuffer progress = java.nio.ByteBuffer.wrap(Files.readAllBytes(DIR.resolve("progress")));
                long accepted = progress.getLong(0) + 1;
                long newestAcceptedAt = progress.getLong(8);
                long window = newestAcceptedAt - stats[0];
                windows.add(window);
                lost.add(accepted - stats[1]);
                System.out.printf("%s trial %d: %,d accepted, %,d stored, %,d lost; newest stored record enqueued %d ms before the newest "
                        + "accepted one (%d ms before the kill); holes: %d%n", store, t + 1, accepted, stats[1], accepted - stats[1],
                        window, killedAt - stats[0], stats[2]);
            }
        }
        Collections.sort(windows);
        Collections.sort(lost);
        System.out.printf("%s kill -9 over %d trials at %,d records/s: loss window median %d ms, p90 %d ms, max %d ms; "
                        + "records lost median %d, max %d; load average %s%n",
                store, trials, rate, windows.get(windows.size() / 2), windows.get((int) Math.ceil(windows.size() * 0.9) - 1),
                windows.getLast(), lost.get(lost.size() / 2), lost.getLast(), load());
    }

    /** The machine's 1/5/15-minute load: the benchmark shares 2 cores with whatever else runs. */
    static String load() {
        try {
            return String.join(" ", java.util.Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** {newest stored ts, stored count, missing sequence numbers below the newest stored one}. */
    static long[] newest(String store) throws Exception {
        String url = store.equals("sqlite") ? "jdbc:sqlite:" + DIR.resolve("bench.db") : PG_URL + "?currentSchema=" + SCHEMA;
        try (Connection c = store.equals("sqlite") ? DriverManager.getConnection(url) : DriverManager.getConnection(url, PG_USER, null);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(ts), count(*), max(CAST(substr(id, 4) AS BIGINT)) FROM ledger_request")) {
            rs.next();
            long maxSeq = rs.getLong(3);
            long count = rs.getLong(2);
            return new long[] {rs.getLong(1), count, maxSeq + 1 - count};
        }
    }
}
