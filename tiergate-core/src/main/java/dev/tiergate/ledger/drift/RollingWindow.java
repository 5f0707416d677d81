package dev.tiergate.ledger.drift;

/** The last {@code size} observations of a small categorical value (tier index, or 0/1 for parity). Thread-safe. */
final class RollingWindow {
    private final int[] values;
    private final long[] counts;
    private int next;
    private int filled;

    RollingWindow(int size, int categories) {
        this.values = new int[size];
        this.counts = new long[categories];
    }

    synchronized void add(int category) {
        if (filled == values.length) {
            counts[values[next]]--;
        } else {
            filled++;
        }
        values[next] = category;
        counts[category]++;
        next = (next + 1) % values.length;
    }

    synchronized int size() {
        return filled;
    }

    synchronized double share(int category) {
        return filled == 0 ? 0 : (double) counts[category] / filled;
    }
}
