package dev.tiergate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium, headless, for page tests: the DOM after scripts ran, and a screenshot. Skips with a visible
 * message when chromium is not installed, unless TIERGATE_REQUIRE_SERVICES=1 (CI), where that is a failure.
 */
public final class HeadlessChromium {
    /** Virtual time lets the page's fetches and rendering finish before the DOM is dumped or the shot taken. */
    private static final String VIRTUAL_TIME_MS = "15000";
    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    public static HeadlessChromium require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String message = "chromium is not installed (apt-get install -y chromium)";
            if ("1".equals(System.getenv("TIERGATE_REQUIRE_SERVICES"))) {
                throw new AssertionError(message + " and TIERGATE_REQUIRE_SERVICES=1");
            }
            System.err.println("SKIPPED: " + message + "; the dashboard was not rendered");
            Assumptions.abort(message);
        }
        return new HeadlessChromium(found.get());
    }

    private static Optional<Path> find() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    public String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url));
    }

    public void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars", url));
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("tiergate-chromium-");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + VIRTUAL_TIME_MS));
        command.addAll(args);
        Path out = Files.createTempFile("chromium-out-", ".html");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return stdout;
    }
}
