package dev.tiergate.eval.judged;

import dev.tiergate.config.TiergateConfig;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The models an eval uses, resolved from the config and checked before anything is called: the route exists, the
 * baseline and judges are configured models, and each judge is of another family than every candidate (the
 * baseline and every ladder model, since escalation can reach any tier).
 *
 * @param judge2 null without a second judge
 */
record EvalModels(ModelEndpoint baseline, ModelEndpoint judge, ModelEndpoint judge2, List<ModelEndpoint> candidates) {

    static EvalModels resolve(TiergateConfig config, EvalSettings settings) {
        if (config.route(settings.route()).isEmpty()) {
            List<String> routes = config.routes().stream().map(r -> r.name()).toList();
            throw new EvalException("no route named '" + settings.route() + "' in " + config.source() + "; "
                    + (routes.isEmpty() ? "add one under routes:" : "the routes are " + String.join(", ", routes)));
        }
        ModelEndpoint baseline = model(config, settings.baseline(), "baseline");
        ModelEndpoint judge = model(config, settings.judge(), "judge");
        ModelEndpoint judge2 = settings.judge2() == null ? null : model(config, settings.judge2(), "second judge");
        Set<ModelEndpoint> candidates = new LinkedHashSet<>();
        candidates.add(baseline);
        for (Tier tier : config.ladder().tiers()) {
            candidates.addAll(tier.models());
        }
        EvalModels models = new EvalModels(baseline, judge, judge2, List.copyOf(candidates));
        if (!settings.allowSameFamilyJudge()) {
            for (ModelEndpoint j : models.judges()) {
                JudgeFamilies.problem(j, models.candidates()).ifPresent(problem -> {
                    throw new EvalException(problem);
                });
            }
        }
        return models;
    }

    List<ModelEndpoint> judges() {
        List<ModelEndpoint> judges = new ArrayList<>(List.of(judge));
        if (judge2 != null) {
            judges.add(judge2);
        }
        return judges;
    }

    private static ModelEndpoint model(TiergateConfig config, String name, String role) {
        ModelEndpoint model = config.model(name).orElseThrow(() -> new EvalException("the " + role + " '" + name + "' is not a model in "
                + config.source() + "; the models are " + String.join(", ", config.models().stream().map(ModelEndpoint::name).toList())));
        if (!model.isConfigured()) {
            throw new EvalException("the " + role + " '" + name + "' is not configured: set " + String.join(", ", model.missingEnv()));
        }
        return model;
    }
}
