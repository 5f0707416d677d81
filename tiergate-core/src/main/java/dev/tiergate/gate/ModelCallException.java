package dev.tiergate.gate;

/** A gate's model call did not produce an answer; gates that depend on one fail closed with this message. */
public final class ModelCallException extends Exception {
    private final boolean timedOut;

    public ModelCallException(String message, boolean timedOut) {
        super(message);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
