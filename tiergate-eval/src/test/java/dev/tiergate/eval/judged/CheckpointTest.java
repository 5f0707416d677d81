package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    static EvalRow row(String id, int score) {
        ModelCall call = new ModelCall("frontier", "claude-opus-4-7", "baseline", 10, 0, 5, 0.001, "ok", null);
        PassResult baseline = new PassResult("base", "frontier", "baseline", 0, List.of(call), null);
        PassResult routed = new PassResult("cheap answer", "cheap", "cheap", 0, List.of(), null);
        JudgeVerdict judge = new JudgeVerdict("judge", score, "fine\nSCORE: " + score, null, List.of());
        return new EvalRow(id, "qa", "low", Json.array(), "prompt " + id, baseline, routed, judge, null);
    }

    @Test
    void rowsSurviveAReopenAndLaterRowsReplaceEarlierOnes() throws Exception {
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            checkpoint.append(row("a", 3));
            checkpoint.append(row("b", 4));
            checkpoint.append(row("a", 5)); // a retried row
        }

        try (Checkpoint reopened = Checkpoint.open(dir)) {
            assertThat(reopened.rows()).containsOnlyKeys("a", "b");
            assertThat(reopened.rows().get("a").judge().score()).isEqualTo(5);
            assertThat(reopened.rows().get("b")).isEqualTo(row("b", 4));
            assertThat(reopened.droppedBytes()).isZero();
        }
    }

    @Test
    void aTornLastLineIsCutOffAndTheNextRowStartsOnACleanLine() throws Exception {
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            checkpoint.append(row("a", 3));
        }
        Path file = dir.resolve(Checkpoint.FILE);
        Files.writeString(file, "{\"id\":\"b\",\"categ", StandardOpenOption.APPEND);

        try (Checkpoint reopened = Checkpoint.open(dir)) {
            assertThat(reopened.rows()).containsOnlyKeys("a");
            assertThat(reopened.droppedBytes()).isEqualTo("{\"id\":\"b\",\"categ".length());
            reopened.append(row("b", 2));
        }

        assertThat(Files.readAllLines(file)).hasSize(2);
        try (Checkpoint again = Checkpoint.open(dir)) {
            assertThat(again.rows()).containsOnlyKeys("a", "b");
        }
    }
}
