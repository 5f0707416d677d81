package dev.tiergate.ledger.store;

import static dev.tiergate.ledger.Records.answered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.ledger.LedgerEntry;
import dev.tiergate.ledger.LengthPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    @Test
    void entriesSurviveAReopenAndATornLastLineIsSkipped() throws Exception {
        Path file = dir.resolve("ledger.spool");
        List<LedgerEntry> written = List.of(answered("r1", 1, "auto", "chat", "a", "cheap", 0, 0.1, 0.2, 5),
                new LengthPair("r1", 1, "chat", "shadow", 3, 4));
        Spool first = new Spool(file);
        first.append(written);
        first.close();
        Files.writeString(file, "{\"type\":\"request\",\"entry\":{\"id\":\"tor", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // killed mid-write

        Spool reopened = new Spool(file);
        assertThat(reopened.pending()).isTrue();
        List<LedgerEntry> read = new ArrayList<>();
        for (Path replay : reopened.takeForReplay()) {
            reopened.read(replay, 1, read::addAll);
            reopened.done(replay);
        }

        assertThat(read).isEqualTo(written);
        assertThat(reopened.pending()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
