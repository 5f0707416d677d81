package dev.tiergate.ledger.store;

import dev.tiergate.ledger.LedgerEntry;
import dev.tiergate.ledger.LedgerSink;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Moves ledger entries off the request path into the store: request threads only {@link #accept} into a bounded
 * queue; one writer thread commits whatever accumulated within {@code flushInterval} (or {@code batchSize}) in one
 * transaction, a group commit. If the store fails, batches go to the {@link Spool} and are replayed once it answers
 * again; if the queue is full, the entry is spooled directly. So nothing is dropped, and a kill -9 loses at most
 * what waits in the queue: one flush interval plus one commit.
 */
public final class LedgerWriter implements LedgerSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LedgerWriter.class.getName());
    private static final long MAINTENANCE_EVERY_MS = Duration.ofHours(1).toMillis();
    /** Re-checks a filling batch this often, so a burst commits at the batch size rather than at the interval. */
    private static final long MAX_GATHER_NAP_NANOS = Duration.ofMillis(5).toNanos();

    private final LedgerStore store;
    private final Spool spool;
    private final Settings settings;
    private final Clock clock;
    private final BlockingQueue<LedgerEntry> queue;
    private final Thread thread;
    private final Stats stats = new Stats();
    private volatile boolean running = true;
    private volatile boolean storeDown;
    private volatile boolean busy;

    /**
     * @param retention zero keeps everything
     */
    public record Settings(int queueCapacity, int batchSize, Duration flushInterval, Duration retryInterval, Duration retention) {}

    /** Running totals, for metrics and tests. */
    public static final class Stats {
        final LongAdder committed = new LongAdder();
        final LongAdder spooled = new LongAdder();
        final LongAdder replayed = new LongAdder();
        final LongAdder failures = new LongAdder();

        public long committed() {
            return committed.sum();
        }

        public long spooled() {
            return spooled.sum();
        }

        public long replayed() {
            return replayed.sum();
        }

        public long failures() {
            return failures.sum();
        }
    }

    public LedgerWriter(LedgerStore store, Spool spool, Settings settings, Clock clock) {
        this.store = store;
        this.spool = spool;
        this.settings = settings;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = Thread.ofPlatform().name("tiergate-ledger-writer").daemon(true).unstarted(this::run);
    }

    public LedgerWriter start() {
        thread.start();
        return this;
    }

    /** Never blocks on the database: queue, else spool file. */
    @Override
    public void accept(LedgerEntry entry) {
        if (running && queue.offer(entry)) {
            return;
        }
        spoolQuietly(List.of(entry));
    }

    public Stats stats() {
        return stats;
    }

    public int queued() {
        return queue.size();
    }

    public boolean storeDown() {
        return storeDown;
    }

    /** Waits until everything accepted so far is in the database (tests, benchmarks); false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (queue.isEmpty() && !busy && !storeDown && !spool.pending()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Stops taking entries, commits what is queued (or spools it if the store is down) and stops the thread. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<LedgerEntry> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            spoolQuietly(left); // only if the writer did not finish in time
        }
        try {
            spool.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "ledger: closing the spool failed: " + e.getMessage());
        }
    }

    private void run() {
        List<LedgerEntry> batch = new ArrayList<>(settings.batchSize());
        long nextRetry = 0;
        long nextMaintenance = 0;
        long pollMs = Math.max(1, Math.min(250, settings.retryInterval().toMillis()));
        while (running || !queue.isEmpty()) {
            try {
                LedgerEntry first = queue.poll(pollMs, TimeUnit.MILLISECONDS);
                if (first != null) {
                    busy = true;
                    batch.add(first);
                    gather(batch);
                    persist(batch);
                    batch.clear();
                }
                long now = clock.millis();
                if (now >= nextRetry && spool.pending()) {
                    busy = true;
                    if (!replay()) {
                        nextRetry = now + settings.retryInterval().toMillis();
                    }
                }
                if (now >= nextMaintenance && !storeDown) {
                    nextMaintenance = now + MAINTENANCE_EVERY_MS;
                    maintain();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "ledger writer: unexpected failure", e);
                spoolQuietly(batch);
                batch.clear();
            } finally {
                busy = false;
            }
        }
    }

    /**
     * Group commit: take what else arrives within the flush interval, up to the batch size. The writer sleeps
     * between drains instead of waiting on the queue: a writer waiting on the queue is woken by every request's
     * offer, one thread wake-up per request competing with the request path for the cores (it showed in the
     * gateway's concurrency-1 p99).
     */
    private void gather(List<LedgerEntry> batch) throws InterruptedException {
        long deadline = System.nanoTime() + settings.flushInterval().toNanos();
        while (true) {
            queue.drainTo(batch, settings.batchSize() - batch.size());
            long wait = deadline - System.nanoTime();
            if (batch.size() >= settings.batchSize() || wait <= 0 || !running) {
                return;
            }
            Thread.sleep(Duration.ofNanos(Math.min(wait, MAX_GATHER_NAP_NANOS)));
        }
    }

    private void persist(List<LedgerEntry> batch) {
        if (storeDown) {
            spoolQuietly(batch); // the replay loop probes the database; do not hammer it with every batch
            return;
        }
        try {
            store.write(batch);
            stats.committed.add(batch.size());
        } catch (SQLException | RuntimeException e) {
            markDown(e);
            spoolQuietly(batch);
        }
    }

    /** Replays every spool file; true when the spool is empty afterwards. */
    private boolean replay() {
        try {
            long before = stats.replayed();
            for (Path file : spool.takeForReplay()) {
                spool.read(file, settings.batchSize(), chunk -> {
                    store.write(chunk);
                    stats.replayed.add(chunk.size());
                });
                spool.done(file);
            }
            if (storeDown) {
                storeDown = false;
                LOG.log(System.Logger.Level.WARNING, "ledger: the " + store.kind() + " database is back; replayed "
                        + (stats.replayed() - before) + " spooled record(s)");
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            markDown(e);
            return false;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "ledger: cannot read the spool " + spool.file() + ": " + e.getMessage());
            return false;
        }
    }

    private void maintain() {
        try {
            store.maintain(clock.instant(), settings.retention());
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ledger: maintenance (partitions, retention) failed: " + e.getMessage());
        }
    }

    private void markDown(Exception e) {
        stats.failures.increment();
        if (!storeDown) {
            storeDown = true;
            LOG.log(System.Logger.Level.WARNING, "ledger: the " + store.kind() + " database failed (" + e.getMessage()
                    + "); spooling to " + spool.file() + " and retrying every " + settings.retryInterval().toMillis() + " ms");
        }
    }

    private void spoolQuietly(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            spool.append(entries);
            stats.spooled.add(entries.size());
        } catch (IOException e) {
            // the one place records can be lost: both the database and the local disk failed
            LOG.log(System.Logger.Level.ERROR, "ledger: lost " + entries.size() + " record(s): cannot write the spool " + spool.file()
                    + ": " + e.getMessage());
        }
    }
}
