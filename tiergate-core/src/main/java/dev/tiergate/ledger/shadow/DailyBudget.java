package dev.tiergate.ledger.shadow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The shadow's spending cap per UTC day. Checked before a comparison starts; its cost is added when it ends. */
public final class DailyBudget {
    private final double maxUsd;
    private final Clock clock;
    private LocalDate day;
    private double spent;

    public DailyBudget(double maxUsd, Clock clock) {
        this.maxUsd = maxUsd;
        this.clock = clock;
    }

    public synchronized boolean allows() {
        roll();
        return spent < maxUsd;
    }

    public synchronized void add(double usd) {
        roll();
        spent += usd;
    }

    public synchronized double spentToday() {
        roll();
        return spent;
    }

    private void roll() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            spent = 0;
        }
    }
}
