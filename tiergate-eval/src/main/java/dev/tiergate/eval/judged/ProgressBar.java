package dev.tiergate.eval.judged;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line on stderr, redrawn in place: prompts done, spend, elapsed time and ETA. The ETA extrapolates from the
 * prompts finished in this process only, since resumed rows took no time here.
 */
final class ProgressBar {
    private static final int WIDTH = 28;
    private final PrintStream out;
    private final int total;
    private final int resumed;
    private final long startNanos = System.nanoTime();

    /** @param out null for no output (tests, {@code --quiet}) */
    ProgressBar(PrintStream out, int total, int resumed) {
        this.out = out;
        this.total = Math.max(1, total);
        this.resumed = resumed;
    }

    synchronized void update(int done, double spentUsd) {
        if (out == null) {
            return;
        }
        int filled = done * WIDTH / total;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        int doneHere = done - resumed;
        String eta = doneHere <= 0 ? "?" : clock(elapsed * (total - done) / doneHere);
        out.print(String.format(Locale.ROOT, "\reval [%s%s] %d/%d  $%.4f  %s elapsed, eta %s ", "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, spentUsd, clock(elapsed), eta));
        out.flush();
    }

    synchronized void finish() {
        if (out != null) {
            out.println();
            out.flush();
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
