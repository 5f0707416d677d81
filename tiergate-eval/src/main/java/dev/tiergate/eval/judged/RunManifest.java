package dev.tiergate.eval.judged;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a run directory's rows were produced with. A resumed run must use the same route, baseline and judges,
 * or its new rows would be mixed with rows that measured something else; the manifest lets it refuse instead.
 * Settings that only change how rows are read (pass score, price overlay) may differ between runs.
 *
 * @param ladder every ladder model as "tier:name=upstream-id", so a changed ladder is caught too
 */
record RunManifest(String route, String baseline, String judge, String judge2, List<String> ladder) {
    static final String FILE = "eval-run.json";

    RunManifest {
        ladder = List.copyOf(ladder);
    }

    static RunManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode json = Json.parse(Files.readString(file));
        List<String> ladder = new ArrayList<>();
        json.path("ladder").forEach(n -> ladder.add(n.asText()));
        return new RunManifest(json.path("route").asText(null), json.path("baseline").asText(null), json.path("judge").asText(null),
                json.path("judge2").isTextual() ? json.path("judge2").asText() : null, ladder);
    }

    void write(Path dir) throws IOException {
        var json = Json.object().put("route", route).put("baseline", baseline).put("judge", judge).put("judge2", judge2);
        ladder.forEach(json.putArray("ladder")::add);
        AtomicFiles.write(dir.resolve(FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    /** What differs from an earlier run's manifest, or an empty list when rows of both may be mixed. */
    List<String> differences(RunManifest earlier) {
        List<String> diffs = new ArrayList<>();
        compare(diffs, "route", earlier.route, route);
        compare(diffs, "baseline", earlier.baseline, baseline);
        compare(diffs, "judge", earlier.judge, judge);
        compare(diffs, "judge2", earlier.judge2, judge2);
        compare(diffs, "ladder", String.join(", ", earlier.ladder), String.join(", ", ladder));
        return diffs;
    }

    private static void compare(List<String> diffs, String what, String before, String now) {
        if (!Objects.equals(before, now)) {
            diffs.add(what + " was " + before + ", now " + now);
        }
    }
}
