package dev.tiergate.cli;

import dev.tiergate.config.ConfigException;
import dev.tiergate.config.ServerConfig;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.ladder.Tier;
import dev.tiergate.provider.Providers;
import dev.tiergate.server.TiergateApp;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the OpenAI-compatible gateway.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--port", description = "Override server.port.")
    Integer port;

    @Option(names = "--host", description = "Override server.host.")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        TiergateConfig loaded;
        try {
            loaded = withOverrides(config.load());
        } catch (ConfigException e) {
            System.err.println("tiergate: invalid configuration\n" + e.getMessage());
            return 2;
        }
        try (TiergateApp app = TiergateApp.start(loaded, Providers::create)) {
            printBanner(loaded, app);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "tiergate-shutdown"));
            stopped.await();
        } catch (ConfigException e) {
            System.err.println("tiergate: invalid configuration\n" + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("tiergate: cannot start: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private TiergateConfig withOverrides(TiergateConfig c) {
        if (port == null && host == null) {
            return c;
        }
        ServerConfig s = c.server();
        ServerConfig server = new ServerConfig(host == null ? s.host() : host, port == null ? s.port() : port, s.maxBodyBytes(), s.requestTimeout());
        return new TiergateConfig(c.source(), c.bundledDefault(), server, c.auth(), c.cooldown(), c.models(), c.ladder(), c.routes(), c.raw());
    }

    private static void printBanner(TiergateConfig config, TiergateApp app) {
        String ladder = config.ladder().tiers().stream()
                .map(ServeCommand::describe)
                .collect(Collectors.joining(" -> "));
        System.out.println("Tiergate listening on " + app.baseUrl() + "/v1  (config: " + config.source() + ")");
        System.out.println("  ladder: " + ladder);
        System.out.println("  routes: " + String.join(", ", app.gateway().targets().keySet()));
        System.out.println("  auth:   " + (config.auth().enabled() ? config.auth().keys().size() + " key(s) required" : "open (no keys configured)"));
        if (!config.missingEnv().isEmpty()) {
            System.out.println();
            System.out.println((config.bundledDefault() ? "No tiergate.yaml found: running the bundled default ladder. " : "")
                    + "To route for real, set: " + String.join(", ", config.missingEnv())
                    + (config.bundledDefault() ? "  (or write a tiergate.yaml; see README)" : ""));
        }
        System.out.flush();
    }

    private static String describe(Tier tier) {
        return tier.name() + "[" + tier.models().stream().map(m -> m.provider().configName() + ":" + m.model()).collect(Collectors.joining(", ")) + "]";
    }
}
