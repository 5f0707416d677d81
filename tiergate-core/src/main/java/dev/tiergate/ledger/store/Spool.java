package dev.tiergate.ledger.store;

import dev.tiergate.ledger.LedgerEntry;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Append-only JSON-lines file for entries the database could not take (down, or the queue was full). Replay first
 * renames the active file aside, so appends never race with the reader; a torn last line from a crash is skipped.
 * Writes are flushed to the OS on every append: they survive a killed process.
 */
public final class Spool {
    private static final System.Logger LOG = System.getLogger(Spool.class.getName());
    private static final String REPLAY_SUFFIX = ".replay";

    private final Path file;
    private final List<Path> waiting = new ArrayList<>();
    private BufferedWriter out;
    private boolean activeHasData;
    private long sequence;

    /** Picks up whatever an earlier run left behind (it is replayed first). */
    public Spool(Path file) throws IOException {
        this.file = file.toAbsolutePath();
        waiting.addAll(replayFiles());
        activeHasData = Files.exists(this.file) && Files.size(this.file) > 0;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Collection<? extends LedgerEntry> entries) throws IOException {
        if (out == null) {
            Files.createDirectories(file.getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        for (LedgerEntry entry : entries) {
            out.write(EntryCodec.encode(entry));
            out.write('\n');
        }
        out.flush();
        activeHasData = true;
    }

    /** Whether anything waits for replay; answered from memory, it is asked after every batch. */
    public synchronized boolean pending() {
        return activeHasData || !waiting.isEmpty();
    }

    /** Moves the active file aside and returns every file waiting for replay, oldest first. */
    public synchronized List<Path> takeForReplay() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        if (Files.exists(file) && Files.size(file) > 0) {
            Path aside = file.resolveSibling(file.getFileName() + "." + System.currentTimeMillis() + "-" + (sequence++) + REPLAY_SUFFIX);
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            waiting.add(aside);
        }
        activeHasData = false;
        return List.copyOf(waiting);
    }

    /** A replay file whose entries are all in the database now. */
    public synchronized void done(Path replayFile) throws IOException {
        Files.deleteIfExists(replayFile);
        waiting.remove(replayFile);
    }

    /** Reads a replay file in chunks of {@code chunk} entries. */
    public void read(Path replayFile, int chunk, ChunkConsumer consumer) throws IOException, java.sql.SQLException {
        List<LedgerEntry> entries = new ArrayList<>(chunk);
        int torn = 0;
        try (BufferedReader in = Files.newBufferedReader(replayFile, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(EntryCodec.decode(line));
                } catch (IOException | IllegalArgumentException e) {
                    torn++;
                    continue;
                }
                if (entries.size() >= chunk) {
                    consumer.accept(entries);
                    entries = new ArrayList<>(chunk);
                }
            }
        }
        if (!entries.isEmpty()) {
            consumer.accept(entries);
        }
        if (torn > 0) {
            LOG.log(System.Logger.Level.WARNING, "ledger spool " + replayFile.getFileName() + ": skipped " + torn + " unreadable line(s)");
        }
    }

    @FunctionalInterface
    public interface ChunkConsumer {
        void accept(List<LedgerEntry> entries) throws java.sql.SQLException;
    }

    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    private List<Path> replayFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(file.getParent())) {
            return files;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(file.getParent(), file.getFileName() + ".*" + REPLAY_SUFFIX)) {
            dir.forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
