package dev.tiergate.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"tiergate " + (version == null ? "dev" : version) + " (Java " + Runtime.version() + ")"};
    }
}
