package dev.tiergate.eval.judged;

/**
 * What the run directory has spent, against the eval's spending cap. A prompt may start only while the spend so far,
 * plus what the prompts already running are expected to cost (the average finished prompt so far), stays under the
 * cap; prompts already running always finish, since their calls are paid for either way. So a run stops close to
 * the cap, and overshoots it by at most what the last few prompts cost above average.
 */
final class SpendMeter {
    private final double capUsd;
    private double spentUsd;
    private int finished;
    private int running;

    /**
     * @param alreadySpentUsd what earlier runs in the same directory spent: the cap covers the whole eval
     * @param alreadyFinished how many prompts that paid for
     */
    SpendMeter(double capUsd, double alreadySpentUsd, int alreadyFinished) {
        this.capUsd = capUsd;
        this.spentUsd = alreadySpentUsd;
        this.finished = alreadyFinished;
    }

    /** Reserves a start for one prompt, or returns false when the cap would be reached. */
    synchronized boolean tryStart() {
        double expectedPerPrompt = finished == 0 ? 0 : spentUsd / finished;
        if (spentUsd + running * expectedPerPrompt >= capUsd) {
            return false;
        }
        running++;
        return true;
    }

    /** A started prompt finished and cost {@code usd}. */
    synchronized void finished(double usd) {
        running--;
        finished++;
        spentUsd += usd;
    }

    /** A started prompt was given up (interrupted or failed) without being kept. */
    synchronized void abandoned() {
        running--;
    }

    synchronized double spent() {
        return spentUsd;
    }
}
