package dev.tiergate.eval.judged;

import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ledger.shadow.ModelFamily;
import dev.tiergate.provider.ProviderKind;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the judge out of the candidates' model family: models rate answers written like their own higher, so a
 * same-family judge inflates "quality preserved". The family comes from the upstream model id (gpt / o-series →
 * openai, claude → anthropic, llama → meta, nova → amazon, gemini → google, mistral / mixtral → mistral, …), and
 * from the provider when the id says nothing (the Anthropic API only serves Claude).
 */
final class JudgeFamilies {
    static final String OVERRIDE = "--allow-same-family-judge";

    private JudgeFamilies() {}

    static String family(ModelEndpoint model) {
        String family = ModelFamily.of(model.model());
        if (ModelFamily.UNKNOWN.equals(family) && model.provider() == ProviderKind.ANTHROPIC) {
            return "anthropic";
        }
        return family;
    }

    /**
     * Why this judge may not grade these candidates, or empty when it may. A family that cannot be told is a
     * problem too: the check would otherwise pass without having checked anything.
     */
    static Optional<String> problem(ModelEndpoint judge, Collection<ModelEndpoint> candidates) {
        String judgeFamily = family(judge);
        if (ModelFamily.UNKNOWN.equals(judgeFamily)) {
            return Optional.of("cannot tell which model family the judge " + judge.name() + " (" + judge.model()
                    + ") belongs to, so it cannot be checked against the candidates; pass " + OVERRIDE + " if you are sure it differs");
        }
        List<String> unknown = candidates.stream().filter(c -> ModelFamily.UNKNOWN.equals(family(c)))
                .map(c -> c.name() + " (" + c.model() + ")").distinct().toList();
        if (!unknown.isEmpty()) {
            return Optional.of("cannot tell the model family of " + String.join(", ", unknown) + ", so the judge " + judge.name()
                    + " (" + judgeFamily + ") cannot be checked against it; pass " + OVERRIDE + " if you are sure they differ");
        }
        List<String> clashes = candidates.stream().filter(c -> family(c).equals(judgeFamily))
                .map(c -> c.name() + " (" + c.model() + ")").distinct().toList();
        if (!clashes.isEmpty()) {
            return Optional.of("the judge " + judge.name() + " (" + judge.model() + ") is from the " + judgeFamily + " family, like "
                    + String.join(", ", clashes) + "; a judge favours its own family's answers, so pick a judge from another "
                    + "family or pass " + OVERRIDE);
        }
        return Optional.empty();
    }
}
