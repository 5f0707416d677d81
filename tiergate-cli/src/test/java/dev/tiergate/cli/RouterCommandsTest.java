package dev.tiergate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** replay and calibrate end to end on tiny synthetic rows with a model-free router (no embeddings needed). */
class RouterCommandsTest {

    static Path rows(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            // longer prompts are the ones only the strong model gets right
            boolean hard = i % 2 == 0;
            String prompt = hard ? "explain why ".repeat(20) + i : "hi " + i;
            sb.append(String.format(java.util.Locale.ROOT,
                    "{\"id\":\"r%d\",\"source\":\"syn\",\"prompt\":\"%s\",\"outcomes\":{"
                            + "\"gpt-4-1106-preview\":{\"score\":1.0,\"input_tokens\":100,\"output_tokens\":10},"
                            + "\"mixtral-8x7b-instruct\":{\"score\":%s,\"input_tokens\":100,\"output_tokens\":10}}}%n",
                    i, prompt, hard ? "0.0" : "1.0"));
        }
        Path f = dir.resolve("rows.jsonl");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void replayWritesItsArtefacts(@TempDir Path dir) throws Exception {
        Path data = rows(dir);
        Path out = dir.resolve("out");
        int code = new CommandLine(new ReplayCommand()).execute("--data", data.toString(), "--router", "length",
                "--out", out.toString());
        assertThat(code).isZero();
        assertThat(out.resolve("decisions.jsonl")).exists();
        assertThat(Files.readAllLines(out.resolve("decisions.jsonl"))).hasSize(40);
        assertThat(Files.readString(out.resolve("metrics.json"))).contains("\"apgr\"").contains("\"cpt80\"");
        assertThat(out.resolve("plot.svg")).exists();
        assertThat(out.resolve("index.html")).exists();
    }

    @Test
    void calibratePrintsTheThreshold(@TempDir Path dir) throws Exception {
        Path data = rows(dir);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        int code;
        try {
            code = new CommandLine(new CalibrateCommand()).execute("--data", data.toString(), "--router", "length",
                    "--strong-fraction", "0.5", "--json");
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        String json = buf.toString();
        assertThat(json).contains("\"strong_fraction\" : 0.5").contains("\"quality\" : 1.0");
    }
}
