package dev.tiergate.config;

/** The {@code defaults:} section: what every model inherits unless it overrides it. */
record Defaults(Timeouts timeouts, RetryPolicy retry, CooldownPolicy cooldown) {
    static final Defaults BUILT_IN = new Defaults(Timeouts.DEFAULT, RetryPolicy.DEFAULT, CooldownPolicy.DEFAULT);
}
