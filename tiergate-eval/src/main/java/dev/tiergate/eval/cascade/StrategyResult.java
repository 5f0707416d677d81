package dev.tiergate.eval.cascade;

/**
 * One strategy's totals over a set of rows.
 *
 * @param quality        mean score of the answers the client got
 * @param costUsd        everything paid, both calls of an escalated request included
 * @param strongShare    fraction of requests that called the strong model (directly or after escalating)
 * @param escalatedShare fraction of requests that paid for both models
 * @param doubleSpendUsd what the cheap attempts of escalated requests cost: paid, then thrown away
 */
public record StrategyResult(String name, int requests, double quality, double costUsd, double strongShare,
                             double escalatedShare, double doubleSpendUsd) {

    public StrategyResult withName(String newName) {
        return new StrategyResult(newName, requests, quality, costUsd, strongShare, escalatedShare, doubleSpendUsd);
    }

    public double costPer1k() {
        return requests == 0 ? 0 : costUsd / requests * 1000;
    }
}
