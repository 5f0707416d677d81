package dev.tiergate.ledger;

/**
 * One shadow comparison: a routed-down answer and the frontier's answer to the same request, judged pairwise in
 * both orders by a model of another family.
 *
 * @param verdictFirst  the judge's pick with the routed answer shown first: routed | frontier | tie
 * @param verdictSecond the judge's pick with the routed answer shown second
 * @param parity        the routed answer was judged as good as the frontier's or better (both orders combined)
 * @param costUsd       what the comparison cost: the frontier call plus both judge calls
 */
public record ShadowRecord(String requestId, long atMillis, String keyId, String route, String category, String tier,
                           String model, String frontierModel, String judgeModel, String verdictFirst,
                           String verdictSecond, boolean parity, long routedOutputTokens, long frontierOutputTokens,
                           double costUsd) implements LedgerEntry {}
