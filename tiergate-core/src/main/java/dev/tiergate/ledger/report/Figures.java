package dev.tiergate.ledger.report;

/**
 * The headline numbers of a set of requests.
 *
 * @param failed          requests the client got an error for
 * @param savingsPct      (counterfactual - actual) / counterfactual, in percent
 * @param escalationRate  share of requests that moved up the ladder (0..1)
 * @param gateFailureRate share of requests with a failed quality gate (0..1)
 * @param parity          share of shadow samples judged as good as the frontier or better (0..1); null without samples
 */
public record Figures(long requests, long failed, double costUsd, double counterfactualUsd, double savingsPct,
                      double escalationRate, double gateFailureRate, Double parity, long paritySamples) {

    /** Always the pair: "X% cheaper at Y% parity". */
    public String headline() {
        String cheaper = String.format(java.util.Locale.ROOT, "%.1f%% cheaper", savingsPct);
        if (parity == null) {
            return cheaper + " at unmeasured parity (no shadow samples in this window; enable shadow: to measure it)";
        }
        return cheaper + String.format(java.util.Locale.ROOT, " at %.1f%% parity (%d shadow sample%s)", parity * 100,
                paritySamples, paritySamples == 1 ? "" : "s");
    }
}
