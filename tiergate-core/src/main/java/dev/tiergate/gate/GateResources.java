package dev.tiergate.gate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Text bundled with the gates (refusal phrases, the self-grade rubric), read when a gate is built. */
final class GateResources {
    private GateResources() {}

    static String text(String name) {
        try (InputStream in = GateResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("gate resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Non-blank lines that are not {@code #} comments. */
    static List<String> lines(String name) {
        return text(name).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
