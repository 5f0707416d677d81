package dev.tiergate.eval.judged;

import dev.tiergate.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Draws an eval set from recorded prompts: repeated prompts once, then {@code n} of them, either uniformly or
 * stratified by category. Stratified allocation keeps the traffic's mix (largest share first, D'Hondt), but gives
 * every category at least one prompt when {@code n} allows, so a rare category is not silently missing from the
 * breakdown. The draw depends only on the prompts and the seed: the same ledger and seed give the same set.
 */
public final class StratifiedSample {
    private static final Comparator<RecordedPrompt> OLDEST_FIRST =
            Comparator.comparingLong(RecordedPrompt::atMillis).thenComparing(RecordedPrompt::id);

    private StratifiedSample() {}

    public static List<EvalItem> draw(List<RecordedPrompt> prompts, int n, boolean byCategory, long seed) {
        if (n < 1) {
            throw new EvalException("--n must be at least 1, not " + n);
        }
        List<RecordedPrompt> unique = distinct(prompts);
        Map<String, List<RecordedPrompt>> groups = new TreeMap<>();
        for (RecordedPrompt p : unique) {
            groups.computeIfAbsent(byCategory ? p.category() : "all", k -> new ArrayList<>()).add(p);
        }
        Map<String, Integer> quotas = quotas(groups, n);
        Random random = new Random(seed);
        List<EvalItem> items = new ArrayList<>();
        groups.forEach((name, group) -> {
            List<RecordedPrompt> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            shuffled.subList(0, quotas.get(name)).stream()
                    .sorted(OLDEST_FIRST)
                    .forEach(p -> items.add(new EvalItem(p.id(), p.category(), EvalItem.UNSPECIFIED, p.messages())));
        });
        return items;
    }

    /** The earliest request of each distinct prompt, whatever order they came in. */
    private static List<RecordedPrompt> distinct(List<RecordedPrompt> prompts) {
        Set<String> seen = new HashSet<>();
        List<RecordedPrompt> unique = new ArrayList<>();
        for (RecordedPrompt p : prompts.stream().sorted(OLDEST_FIRST).toList()) {
            if (seen.add(Json.text(p.messages()))) {
                unique.add(p);
            }
        }
        return unique;
    }

    /** How many prompts each group gives; all of them when there are no more than {@code n} in total. */
    static Map<String, Integer> quotas(Map<String, List<RecordedPrompt>> groups, int n) {
        Map<String, Integer> quotas = new LinkedHashMap<>();
        groups.forEach((name, group) -> quotas.put(name, 0));
        int left = n;
        int total = groups.values().stream().mapToInt(List::size).sum();
        if (total <= n) {
            groups.forEach((name, group) -> quotas.put(name, group.size()));
            return quotas;
        }
        if (n >= groups.size()) {
            for (String name : groups.keySet()) {
                quotas.put(name, 1);
                left--;
            }
        }
        for (; left > 0; left--) {
            String best = null;
            double bestRatio = -1;
            for (Map.Entry<String, List<RecordedPrompt>> group : groups.entrySet()) {
                int taken = quotas.get(group.getKey());
                double ratio = (double) group.getValue().size() / (taken + 1);
                if (taken < group.getValue().size() && ratio > bestRatio) {
                    best = group.getKey();
                    bestRatio = ratio;
                }
            }
            quotas.merge(best, 1, Integer::sum);
        }
        return quotas;
    }
}
