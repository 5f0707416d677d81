package dev.tiergate.router.learned;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.MessageContent;
import dev.tiergate.config.RouteConfig;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.router.Router;
import dev.tiergate.router.RoutingDecision;
import dev.tiergate.router.features.PromptFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The learned router (strategy {@code classifier}): embeds the final question of the last user message in process,
 * adds cheap features, predicts for each known model the probability that its answer is acceptable and picks the
 * cheapest tier that clears the threshold (see {@link ScoreRule}). With two tiers the score is the single "needs the
 * strong model" score.
 *
 * <p>Each tier stands for one of the model's known reference models: {@code reference_models: {tier: model}} in the
 * route config, else a tier whose model name or upstream id is a known model, else — with unknown models — the
 * cheapest tier is the weak reference, the frontier the strong one and tiers in between are interpolated.
 *
 * <p>Route config keys (all optional): {@code model: PATH} (weights; default: bundled), {@code threshold},
 * {@code reference_models}.
 */
public final class LearnedRouter implements Router {

    public static final String STRATEGY = "classifier";

    private final RouterModel model;
    private final PromptEmbedder embedder;
    private final double threshold;
    private final Map<String, String> referenceModels;
    private final int strongIndex;
    private final int weakIndex;
    private final java.util.Set<String> boilerplate;

    public LearnedRouter(RouterModel model, double threshold, Map<String, String> referenceModels) {
        this(model, model.embedder(), threshold, referenceModels);
    }

    public LearnedRouter(RouterModel model, PromptEmbedder embedder, double threshold,
                         Map<String, String> referenceModels) {
        this.model = model;
        this.embedder = embedder;
        this.threshold = Double.isNaN(threshold) ? model.defaultThreshold() : threshold;
        this.referenceModels = Map.copyOf(referenceModels);
        this.strongIndex = model.models().indexOf(model.strong());
        this.weakIndex = model.models().indexOf(model.weak());
        this.boilerplate = model.boilerplate();
        if (strongIndex < 0 || weakIndex < 0) {
            throw new IllegalArgumentException("router model lacks its strong/weak reference models");
        }
    }

    /** The bundled default router with its default threshold. */
    public static LearnedRouter bundled() {
        return new LearnedRouter(RouterModel.bundled(), Double.NaN, Map.of());
    }

    /** Builds the router of a route: {@code model: PATH} loads custom weights, otherwise the bundled ones. */
    public static LearnedRouter fromConfig(RouteConfig route) {
        RouterModel model;
        JsonNode raw = route.raw() == null ? null : route.raw();
        String path = raw == null ? "" : raw.path("model").asText("");
        if (path.isBlank()) {
            model = RouterModel.bundled();
        } else {
            try {
                model = RouterModel.read(Path.of(path));
            } catch (IOException e) {
                throw new UncheckedIOException("route " + route.name() + ": cannot read router model " + path, e);
            }
        }
        Map<String, String> refs = new HashMap<>();
        if (raw != null && raw.path("reference_models").isObject()) {
            raw.path("reference_models").fields().forEachRemaining(e -> refs.put(e.getKey(), e.getValue().asText()));
        }
        return new LearnedRouter(model, route.threshold(), refs);
    }

    @Override
    public String strategy() {
        return STRATEGY;
    }

    public double threshold() {
        return threshold;
    }

    public RouterModel model() {
        return model;
    }

    public PromptEmbedder embedder() {
        return embedder;
    }

    /** Per-model P(acceptable) for a request, in {@code model().models()} order. */
    public double[] predict(ChatRequest request) {
        Prompt p = Prompt.of(request);
        return predict(p.text, p.userTurns, p.hasSystem);
    }

    /** Per-model P(acceptable) for a bare prompt text. */
    public double[] predict(String text, int userTurns, boolean hasSystem) {
        String question = PromptText.finalQuestion(text);
        double[] features = PromptFeatures.of(text, question, userTurns, hasSystem);
        return model.quality().predict(embedder.embed(PromptText.stripLines(question, boilerplate)), features);
    }

    /** Batched prediction for many prompt texts (single-turn). */
    public List<double[]> predictAll(List<String> texts) {
        List<String> questions = new ArrayList<>(texts.size());
        List<String> embedded = new ArrayList<>(texts.size());
        for (String t : texts) {
            String q = PromptText.finalQuestion(t);
            questions.add(q);
            embedded.add(PromptText.stripLines(q, boilerplate));
        }
        List<float[]> emb = embedder.embedAll(embedded);
        List<double[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(model.quality().predict(emb.get(i), PromptFeatures.of(texts.get(i), questions.get(i), 1, false)));
        }
        return out;
    }

    @Override
    public RoutingDecision decide(ChatRequest request, Ladder ladder) {
        return decide(predict(request), ladder);
    }

    /** The decision for given per-model probabilities. */
    public RoutingDecision decide(double[] p, Ladder ladder) {
        if (ladder.size() == 1) {
            double s = model.rule().score(p[strongIndex], p[weakIndex]);
            return new RoutingDecision(0, s, threshold, STRATEGY, "single tier");
        }
        double[] q = tierQualities(p, ladder);
        int tier = model.rule().chooseTier(q, threshold);
        double score = model.rule().tierScore(q, 0);
        String reason = String.format(Locale.ROOT, "%s score %.3f %s %.3f; predicted quality %s",
                model.rule().name().toLowerCase(Locale.ROOT), score, tier == 0 ? "<" : ">=", threshold,
                formatQualities(q, ladder));
        return new RoutingDecision(tier, score, threshold, STRATEGY, reason);
    }

    /** Predicted P(acceptable) of each tier's reference model. */
    public double[] tierQualities(double[] p, Ladder ladder) {
        int n = ladder.size();
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            int ref = referenceIndex(ladder.tier(i));
            if (ref >= 0) {
                q[i] = p[ref];
            } else if (i == 0) {
                q[i] = p[weakIndex];
            } else if (i == n - 1) {
                q[i] = p[strongIndex];
            } else {
                q[i] = Double.NaN;
            }
        }
        // unknown middle tiers: interpolate between their known neighbours
        for (int i = 1; i < n - 1; i++) {
            if (Double.isNaN(q[i])) {
                int lo = i - 1;
                int hi = i + 1;
                while (Double.isNaN(q[hi])) {
                    hi++;
                }
                q[i] = q[lo] + (q[hi] - q[lo]) * (i - lo) / (double) (hi - lo);
            }
        }
        return q;
    }

    private int referenceIndex(Tier tier) {
        String ref = referenceModels.get(tier.name());
        if (ref != null) {
            return model.models().indexOf(ref);
        }
        for (ModelEndpoint m : tier.models()) {
            int i = model.models().indexOf(m.name());
            if (i < 0) {
                i = model.models().indexOf(m.model());
            }
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String formatQualities(double[] q, Ladder ladder) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < q.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(ladder.tier(i).name()).append('=').append(String.format(Locale.ROOT, "%.2f", q[i]));
        }
        return sb.toString();
    }

    /** What the router reads from a request: the last user message, its depth and whether a system prompt exists. */
    record Prompt(String text, int userTurns, boolean hasSystem) {
        static Prompt of(ChatRequest request) {
            int users = 0;
            boolean system = false;
            for (JsonNode m : request.messages()) {
                String role = m.path("role").asText();
                if ("user".equals(role)) {
                    users++;
                } else if ("system".equals(role) || "developer".equals(role)) {
                    system = true;
                }
            }
            String text = request.lastUserText();
            if (text.isEmpty()) {
                text = request.allText();
            }
            return new Prompt(text, Math.max(1, users), system);
        }
    }

    static String text(JsonNode content) {
        return MessageContent.text(content);
    }
}
