import dev.tiergate.router.learned.*;
import com.fasterxml.jackson.databind.*;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;

/**
 * Experiment (session 4, not part of the product): a per-prompt difficulty probe from the in-process MiniLM. For each
 * multiple-choice row, the similarity of the question stem to each answer choice (alone, and as stem + choice):
 * top-1 minus top-2 margin, softmax entropy, spread, and how similar the choices are to each other. Writes one JSON
 * line per row; within_source_signals.py scores them as routers.
 *
 * Usage (from the repository, after building the CLI jar):
 *   java -Dai.djl.offline=true -cp tiergate-cli/target/tiergate.jar bench/router-analysis/ChoiceMargin.java \
 *     /tmp/choice-margin.jsonl ../shared/data/train/mmlu-train.jsonl ../shared/data/train/routerbench-train.jsonl
 */
public class ChoiceMargin {
    static final Pattern CHOICE = Pattern.compile("(?m)^\\s*\\(?([A-E])[).:]\\s*(.+)$");
    public static void main(String[] a) throws Exception {
        ObjectMapper om = new ObjectMapper();
        PromptEmbedder emb = new PromptEmbedder(PromptEmbedder.Model.ALL_MINILM_L6_V2_Q, 64, 0, 1);
        try (var out = Files.newBufferedWriter(Path.of(a[0]))) {
            for (int f = 1; f < a.length; f++) {
                for (String line : Files.readAllLines(Path.of(a[f]))) {
                    JsonNode r = om.readTree(line);
                    String q = PromptText.finalQuestion(r.get("prompt").asText());
                    Matcher m = CHOICE.matcher(q);
                    List<String> choices = new ArrayList<>();
                    int first = -1;
                    while (m.find()) { if (first < 0) first = m.start(); choices.add(m.group(2).trim()); }
                    if (choices.size() < 2) continue;
                    String stem = q.substring(0, first).trim();
                    List<String> texts = new ArrayList<>();
                    texts.add(stem);
                    for (String c : choices) texts.add(c);
                    // also stem + choice, as a QA-pair embedding
                    for (String c : choices) texts.add(stem + " " + c);
                    List<float[]> e = emb.embedAll(texts);
                    int k = choices.size();
                    double[] s = new double[k], s2 = new double[k];
                    for (int i = 0; i < k; i++) { s[i] = dot(e.get(0), e.get(1 + i)); s2[i] = dot(e.get(0), e.get(1 + k + i)); }
                    out.write(String.format(Locale.ROOT, "{\"id\":%s,\"k\":%d,\"margin\":%.6f,\"ent\":%.6f,\"margin2\":%.6f,\"ent2\":%.6f,\"spread\":%.6f,\"choicesim\":%.6f}%n",
                        om.writeValueAsString(r.get("id").asText()), k, margin(s), ent(s, 20), margin(s2), ent(s2, 50), sd(s), meanPair(e, 1, k)));
                }
            }
        }
    }
    static double dot(float[] x, float[] y) { double d = 0; for (int i = 0; i < x.length; i++) d += x[i] * y[i]; return d; }
    static double margin(double[] s) { double[] c = s.clone(); Arrays.sort(c); return c[c.length - 1] - c[c.length - 2]; }
    static double ent(double[] s, double t) { double mx = Arrays.stream(s).max().getAsDouble(), z = 0; double[] p = new double[s.length]; for (int i = 0; i < s.length; i++) { p[i] = Math.exp(t * (s[i] - mx)); z += p[i]; } double h = 0; for (double v : p) { v /= z; h -= v * Math.log(v + 1e-12); } return h; }
    static double sd(double[] s) { double m = Arrays.stream(s).average().getAsDouble(), v = 0; for (double x : s) v += (x - m) * (x - m); return Math.sqrt(v / s.length); }
    static double meanPair(List<float[]> e, int from, int k) { double t = 0; int c = 0; for (int i = 0; i < k; i++) for (int j = i + 1; j < k; j++) { t += dot(e.get(from + i), e.get(from + j)); c++; } return t / c; }
}
