package dev.tiergate.gate;

import dev.tiergate.config.ConfigValue;

/**
 * The SPI for custom gates: list the implementation in
 * {@code META-INF/services/dev.tiergate.gate.GateProvider} on the gateway's classpath and use its {@link #type()}
 * as a gate's {@code type:} in {@code tiergate.yaml}. Built-in type names cannot be overridden.
 */
public interface GateProvider {

    /** The {@code type:} this provider builds, e.g. "pii". */
    String type();

    /**
     * Builds the gate from its config entry (the mapping with {@code type:}, or a missing node when the entry was a
     * bare name). Report bad options with {@link ConfigValue#error}, which names the file and field.
     */
    Gate create(ConfigValue options);
}
