package dev.tiergate.cli;

import dev.tiergate.config.ConfigLoader;
import dev.tiergate.config.TiergateConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, else $TIERGATE_CONFIG, else ./tiergate.yaml, else the bundled default. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Config file (default: $TIERGATE_CONFIG, then ./tiergate.yaml, then the bundled default).")
    Path file;

    TiergateConfig load() {
        ConfigLoader loader = ConfigLoader.fromEnvironment();
        Path chosen = file;
        if (chosen == null && System.getenv("TIERGATE_CONFIG") != null && !System.getenv("TIERGATE_CONFIG").isBlank()) {
            chosen = Path.of(System.getenv("TIERGATE_CONFIG"));
        }
        if (chosen == null && Files.exists(Path.of(ConfigLoader.DEFAULT_FILE))) {
            chosen = Path.of(ConfigLoader.DEFAULT_FILE);
        }
        return chosen == null ? loader.bundledDefault() : loader.load(chosen);
    }
}
