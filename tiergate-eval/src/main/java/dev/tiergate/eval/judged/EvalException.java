package dev.tiergate.eval.judged;

/** A mistake in an eval's input or settings, found before any model is paid for; the message names the fix. */
public final class EvalException extends RuntimeException {
    public EvalException(String message) {
        super(message);
    }

    public EvalException(String message, Throwable cause) {
        super(message, cause);
    }
}
