package dev.tiergate.eval.judged;

import java.util.List;
import java.util.Map;

/**
 * The figures of an eval, as written to {@code report.json} and rendered in {@code report.html}. Rates are null
 * where they are undefined (nothing to divide by) rather than NaN, which JSON cannot hold. Costs are at the price
 * overlay's rates when one was given ({@code run.projection}), else at the configured prices.
 *
 * @param scoreDistribution judge score (1–5) → rows, routed failures counted as 1
 * @param exclusions        why rows did not count → rows
 * @param agreement         null without a second judge
 */
public record EvalReport(Run run, Headline headline, List<Group> byComplexity, List<Group> byCategory,
                         Map<String, Integer> scoreDistribution, Routing routing, Map<String, Integer> exclusions,
                         Agreement agreement) {

    /**
     * @param prompts    prompts in the set
     * @param finished   prompts with a finished row
     * @param notRun     prompts left for a rerun (spending cap, interruption, errors)
     * @param spentUsd   what the finished rows really cost, at the configured prices (baseline, route and judges)
     * @param projection true when costs are re-priced by an overlay
     * @param repriced   models the overlay re-priced (the others stay at configured prices)
     */
    public record Run(String status, String statusText, String route, String baseline, String judge, String judge2,
                      int passScore, int prompts, int finished, int notRun, double spentUsd, Double maxSpendUsd,
                      String priceOverlay, boolean projection, List<String> repriced) {}

    /**
     * Over the scored rows only, so that quality and cost describe the same prompts.
     *
     * @param scored   N: rows the judge scored, plus routed failures (scored 1)
     * @param excluded finished rows left out, see {@link EvalReport#exclusions()}
     * @param judgeCostUsd what judging cost, all finished rows: the eval's overhead, not part of either side
     * @param evalCostUsd  everything the finished rows cost: baseline, route and judges
     */
    public record Headline(int preserved, int scored, Double preservedRate, double baselineCostUsd, double routedCostUsd,
                           Double costReduction, int excluded, double judgeCostUsd, double evalCostUsd) {}

    /** One complexity tier or category. */
    public record Group(String name, int scored, int preserved, Double rate, int excluded, double baselineCostUsd,
                        double routedCostUsd, Double costReduction) {}

    /**
     * Where the route sent the prompts that got a routed answer.
     *
     * @param failed routed passes with no answer (scored 1)
     */
    public record Routing(List<TierShare> tierMix, int answered, int escalated, Double escalationRate, int failed) {}

    public record TierShare(String tier, int count, Double share) {}

    /**
     * How far the second judge agrees with the first, over rows both scored.
     *
     * @param kappa          Cohen's kappa on the 1–5 scores
     * @param kappaPreserved Cohen's kappa on preserved / not preserved
     */
    public record Agreement(String judge2, int pairs, Double exactAgreement, Double kappa, Double kappaPreserved,
                            int preservedByJudge2) {}
}
