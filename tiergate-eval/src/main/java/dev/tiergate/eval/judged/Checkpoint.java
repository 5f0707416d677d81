package dev.tiergate.eval.judged;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The finished rows of a run, one JSON line per row, appended and forced to disk before the row counts as done. A
 * crash or Ctrl-C at any moment leaves every earlier row intact; at worst the last line is torn, and opening the
 * file cuts that tail off, so the prompt is simply run again.
 */
final class Checkpoint implements AutoCloseable {
    static final String FILE = "checkpoint.jsonl";

    private final FileChannel channel;
    private final Map<String, EvalRow> rows;
    private final long droppedBytes;

    private Checkpoint(FileChannel channel, Map<String, EvalRow> rows, long droppedBytes) {
        this.channel = channel;
        this.rows = rows;
        this.droppedBytes = droppedBytes;
    }

    static Checkpoint open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        Map<String, EvalRow> rows = new LinkedHashMap<>();
        long valid = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8).strip();
            if (!line.isEmpty()) {
                EvalRow row;
                try {
                    row = RowCodec.decode(line);
                } catch (JsonProcessingException e) {
                    break; // a complete but unreadable line: keep what came before, rerun the rest
                }
                rows.put(row.id(), row);
            }
            valid = i + 1;
            start = i + 1;
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(valid);
        channel.position(valid);
        return new Checkpoint(channel, rows, bytes.length - valid);
    }

    /** Rows finished so far, by id, in the order they finished. */
    synchronized Map<String, EvalRow> rows() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    /** Bytes of a torn or unreadable tail that {@link #open} discarded. */
    long droppedBytes() {
        return droppedBytes;
    }

    /** Appends the row and forces it to disk; only then is the prompt finished. */
    synchronized void append(EvalRow row) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((RowCodec.encode(row) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(false);
        rows.put(row.id(), row);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
