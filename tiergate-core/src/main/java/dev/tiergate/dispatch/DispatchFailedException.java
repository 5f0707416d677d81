package dev.tiergate.dispatch;

import dev.tiergate.provider.ProviderException;
import java.util.List;

/** Every model of the tier failed (or the failure cannot be retried); carries all attempts for the ledger. */
public final class DispatchFailedException extends Exception {
    private final List<Attempt> attempts;
    private final transient ProviderException last;

    public DispatchFailedException(String message, List<Attempt> attempts, ProviderException last) {
        super(message, last);
        this.attempts = List.copyOf(attempts);
        this.last = last;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    /** The last upstream error, or null when no model could even be tried. */
    public ProviderException last() {
        return last;
    }
}
