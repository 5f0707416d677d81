package dev.tiergate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tiergate}: one runnable jar for the gateway and its offline tools. */
@Command(name = "tiergate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "LLM cost-routing gateway: sends each request to the cheapest model tier that clears the quality bar.",
        subcommands = {ServeCommand.class, RouteCommand.class, TrainCommand.class, ReplayCommand.class, CalibrateCommand.class,
                ReportCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        configureLogging();
        System.exit(commandLine().execute(args));
    }

    /** The bundled one-line JUL format, unless the user pointed JUL at a file of their own. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (java.io.InputStream in = Main.class.getResourceAsStream("/logging.properties")) {
            if (in != null) {
                java.util.logging.LogManager.getLogManager().readConfiguration(in);
            }
        } catch (java.io.IOException e) {
            System.err.println("tiergate: could not read the bundled logging configuration: " + e.getMessage());
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
