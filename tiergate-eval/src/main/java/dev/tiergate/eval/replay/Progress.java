package dev.tiergate.eval.replay;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr (redrawn in place), quiet when total is small or when disabled. */
public final class Progress {
    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private int lastPercent = -1;

    public Progress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    public static Progress none() {
        return new Progress(null, "", 1);
    }

    public synchronized void update(long done) {
        if (out == null) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int width = 30;
        int filled = percent * width / 100;
        double secs = (System.nanoTime() - start) / 1e9;
        double eta = done == 0 ? 0 : secs * (total - done) / done;
        out.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %d/%d  %.0fs eta %.0fs ", label,
                "#".repeat(filled), ".".repeat(width - filled), percent, done, total, secs, eta));
        if (done >= total) {
            out.println();
        }
        out.flush();
    }
}
