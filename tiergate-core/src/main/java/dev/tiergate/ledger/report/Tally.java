package dev.tiergate.ledger.report;

import dev.tiergate.ledger.store.RequestRow;
import dev.tiergate.ledger.store.ShadowRow;

/** Running sums behind one {@link Figures}. Not thread-safe: one report is built on one thread. */
final class Tally {
    private long requests;
    private long failed;
    private double cost;
    private double counterfactual;
    private long escalated;
    private long gateFailed;
    private long paritySamples;
    private long parityGood;

    void add(RequestRow row) {
        requests++;
        if (row.status() != 200) {
            failed++;
        }
        cost += row.costUsd();
        counterfactual += row.counterfactualUsd();
        if (row.escalated()) {
            escalated++;
        }
        if (row.gateFailed()) {
            gateFailed++;
        }
    }

    void add(ShadowRow row) {
        paritySamples++;
        if (row.parity()) {
            parityGood++;
        }
    }

    Figures figures() {
        double savings = counterfactual > 0 ? (counterfactual - cost) / counterfactual * 100 : 0;
        return new Figures(requests, failed, cost, counterfactual, savings,
                requests == 0 ? 0 : (double) escalated / requests,
                requests == 0 ? 0 : (double) gateFailed / requests,
                paritySamples == 0 ? null : (double) parityGood / paritySamples, paritySamples);
    }
}
