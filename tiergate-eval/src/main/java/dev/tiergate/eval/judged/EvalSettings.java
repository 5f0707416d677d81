package dev.tiergate.eval.judged;

import java.util.Map;

/**
 * How to run an eval.
 *
 * @param route                the route under test (a {@code routes:} name)
 * @param baseline             config name of the model every prompt is also sent to directly
 * @param judge                config name of the judge; from another model family than the candidates
 * @param judge2               optional second judge, for the agreement figure (null for none)
 * @param passScore            a routed answer scoring at least this (1–5) counts as quality preserved
 * @param concurrency          prompts evaluated at once
 * @param requestsPerMinute    config model name → rate limit
 * @param maxSpendUsd          stop starting prompts once the run directory has spent this much (infinite: no cap)
 * @param allowSameFamilyJudge skip the judge family check
 * @param retryExcluded        rerun finished rows whose baseline or judge call failed (transient failures)
 * @param overlay              prices for the report's projection ({@link PriceOverlay#NONE}: configured prices)
 */
public record EvalSettings(String route, String baseline, String judge, String judge2, int passScore, int concurrency,
                           Map<String, Double> requestsPerMinute, double maxSpendUsd, boolean allowSameFamilyJudge,
                           boolean retryExcluded, PriceOverlay overlay) {
    public static final int DEFAULT_PASS_SCORE = 3;

    public EvalSettings {
        requestsPerMinute = Map.copyOf(requestsPerMinute);
        if (passScore < 1 || passScore > 5) {
            throw new EvalException("the pass score must be 1 to 5, not " + passScore);
        }
        if (concurrency < 1) {
            throw new EvalException("concurrency must be at least 1, not " + concurrency);
        }
        if (!(maxSpendUsd > 0)) {
            throw new EvalException("the spending cap must be a positive number of USD, not " + maxSpendUsd);
        }
    }

    /** Defaults for everything but the four models: pass score 3, one prompt at a time, no limits, no overlay. */
    public static EvalSettings of(String route, String baseline, String judge, String judge2) {
        return new EvalSettings(route, baseline, judge, judge2, DEFAULT_PASS_SCORE, 1, Map.of(), Double.POSITIVE_INFINITY, false,
                false, PriceOverlay.NONE);
    }

    public EvalSettings withConcurrency(int n) {
        return new EvalSettings(route, baseline, judge, judge2, passScore, n, requestsPerMinute, maxSpendUsd, allowSameFamilyJudge,
                retryExcluded, overlay);
    }

    public EvalSettings withMaxSpend(double usd) {
        return new EvalSettings(route, baseline, judge, judge2, passScore, concurrency, requestsPerMinute, usd, allowSameFamilyJudge,
                retryExcluded, overlay);
    }

    public EvalSettings withPassScore(int score) {
        return new EvalSettings(route, baseline, judge, judge2, score, concurrency, requestsPerMinute, maxSpendUsd, allowSameFamilyJudge,
                retryExcluded, overlay);
    }

    public EvalSettings withOverlay(PriceOverlay prices) {
        return new EvalSettings(route, baseline, judge, judge2, passScore, concurrency, requestsPerMinute, maxSpendUsd,
                allowSameFamilyJudge, retryExcluded, prices);
    }

    public EvalSettings withRateLimits(Map<String, Double> rpm) {
        return new EvalSettings(route, baseline, judge, judge2, passScore, concurrency, rpm, maxSpendUsd, allowSameFamilyJudge,
                retryExcluded, overlay);
    }

    public EvalSettings withAllowSameFamilyJudge(boolean allow) {
        return new EvalSettings(route, baseline, judge, judge2, passScore, concurrency, requestsPerMinute, maxSpendUsd, allow,
                retryExcluded, overlay);
    }

    public EvalSettings withRetryExcluded(boolean retry) {
        return new EvalSettings(route, baseline, judge, judge2, passScore, concurrency, requestsPerMinute, maxSpendUsd,
                allowSameFamilyJudge, retry, overlay);
    }
}
