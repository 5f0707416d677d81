package dev.tiergate.ledger.shadow;

import dev.tiergate.ladder.ModelEndpoint;
import java.util.Locale;

/**
 * Which vendor family a model belongs to, from its upstream id. A judge must come from another family than the
 * answers it compares, because models prefer answers written like their own.
 */
public final class ModelFamily {
    public static final String UNKNOWN = "unknown";

    private ModelFamily() {}

    public static String of(ModelEndpoint model) {
        return of(model.model());
    }

    public static String of(String upstreamId) {
        String id = upstreamId == null ? "" : upstreamId.toLowerCase(Locale.ROOT);
        if (id.contains("claude") || id.startsWith("anthropic.")) {
            return "anthropic";
        }
        if (id.startsWith("gpt") || id.matches("^(o\\d|chatgpt|openai).*") || id.contains("/gpt")) {
            return "openai";
        }
        if (id.contains("gemini") || id.contains("gemma")) {
            return "google";
        }
        if (id.contains("llama")) {
            return "meta";
        }
        if (id.contains("nova") || id.contains("titan")) {
            return "amazon";
        }
        if (id.contains("mistral") || id.contains("mixtral") || id.contains("codestral")) {
            return "mistral";
        }
        if (id.contains("qwen")) {
            return "qwen";
        }
        if (id.contains("deepseek")) {
            return "deepseek";
        }
        return UNKNOWN;
    }

    /** Two models are of the same family when both are known and equal; an unknown family clashes with nothing. */
    public static boolean same(String a, String b) {
        return !UNKNOWN.equals(a) && a.equals(b);
    }
}
