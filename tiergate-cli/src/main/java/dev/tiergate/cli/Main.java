package dev.tiergate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tiergate}: one runnable jar for the gateway and its offline tools. */
@Command(name = "tiergate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "LLM cost-routing gateway: sends each request to the cheapest model tier that clears the quality bar.",
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
