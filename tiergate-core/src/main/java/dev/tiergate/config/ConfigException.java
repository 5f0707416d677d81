package dev.tiergate.config;

/**
 * A configuration mistake, reported the same way everywhere: which file, which field, what is wrong and how to
 * fix it. Start-up prints {@link #getMessage()} and exits non-zero.
 */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final String field;
    private final String problem;
    private final String fix;

    public ConfigException(String file, String field, String problem, String fix) {
        super(file + ": " + (field.isEmpty() ? "" : field + ": ") + problem + (fix == null || fix.isEmpty() ? "" : "\n  fix: " + fix));
        this.file = file;
        this.field = field;
        this.problem = problem;
        this.fix = fix;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
