package dev.tiergate.bench;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.router.features.PromptFeatures;
import dev.tiergate.router.learned.LearnedRouter;
import dev.tiergate.router.learned.PromptEmbedder;
import dev.tiergate.router.learned.PromptText;
import dev.tiergate.router.learned.RouterModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Per-decision <em>CPU</em> time of the bundled router on one ONNX thread (ThreadMXBean of the calling thread, which
 * with one intra-op thread does all the work): what a decision costs on an idle core, independent of how busy the
 * machine is (JMH's wall-clock percentiles on a shared box mostly measure preemption). Prints p50 / p99 per prompt
 * size, the split by stage, and batched CPU per decision (decisions/s per core).
 *
 * <p>{@code java -Dai.djl.offline=true -cp target/router-jmh.jar dev.tiergate.bench.CpuProfile [decisions]}
 */
public final class CpuProfile {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        RouterModel model = RouterModel.bundled();
        PromptEmbedder embedder = new PromptEmbedder(model.embedding(), model.maxTokens(), model.headTokens(), 0, 1);
        LearnedRouter router = new LearnedRouter(model, embedder, Double.NaN, Map.of());
        Ladder ladder = ladder();
        Random r = new Random(42);
        for (int size : new int[] {200, 4000}) {
            List<String> prompts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                prompts.add(size == 200 ? RouterBenchmark.prompt(r, 200) : RouterBenchmark.fewShot(r, 4000));
            }
            long[] total = new long[n];
            long[] stage = new long[4];
            for (int i = 0; i < n; i++) {
                String p = prompts.get(i);
                ChatRequest req = RouterBenchmark.request(p);
                long c0 = cpu();
                router.decide(req, ladder);
                total[i] = cpu() - c0;
                // the same work again, stage by stage (the cache is off: everything is recomputed)
                String q2 = p + " ";
                long s0 = cpu();
                String q = PromptText.finalQuestion(q2);
                long s1 = cpu();
                double[] f = PromptFeatures.of(q2, q, 1, false);
                long s2 = cpu();
                float[] e = embedder.embed(q);
                long s3 = cpu();
                model.quality().predict(e, f);
                long s4 = cpu();
                if (i >= n / 3) {
                    stage[0] += s1 - s0;
                    stage[1] += s2 - s1;
                    stage[2] += s3 - s2;
                    stage[3] += s4 - s3;
                }
            }
            long[] measured = Arrays.copyOfRange(total, n / 3, n);
            Arrays.sort(measured);
            int m = measured.length;
            System.out.printf(Locale.ROOT, "decide%d: CPU p50 %.2f ms, p99 %.2f ms, mean %.2f ms | stages (mean): "
                            + "final question %.2f, features %.2f, tokenise+embed %.2f, kNN %.2f ms%n", size,
                    measured[m / 2] / 1e6, measured[(int) (m * 0.99)] / 1e6, Arrays.stream(measured).average().orElse(0) / 1e6,
                    stage[0] / 1e6 / m, stage[1] / 1e6 / m, stage[2] / 1e6 / m, stage[3] / 1e6 / m);
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 64 * 12; i++) {
            texts.add(RouterBenchmark.prompt(r, 200) + " #" + i);
        }
        router.predictAll(texts.subList(0, 128));
        long c0 = cpu();
        for (int b = 2; b < 12; b++) {
            router.predictAll(texts.subList(b * 64, b * 64 + 64));
        }
        double perDecision = (cpu() - c0) / 1e6 / (64 * 10);
        System.out.printf(Locale.ROOT, "batched64: %.2f ms CPU per decision = %.0f decisions/s per core%n", perDecision,
                1000 / perDecision);
        embedder.close();
    }

    private static long cpu() {
        return MX.getCurrentThreadCpuTime();
    }

    private static Ladder ladder() {
        return new Ladder(List.of(
                new dev.tiergate.ladder.Tier(0, "cheap", List.of(RouterBenchmark.endpoint("mixtral-8x7b-instruct",
                        dev.tiergate.pricing.Price.of(0.6, 0.6))), dev.tiergate.ladder.Tier.Balance.FAILOVER),
                new dev.tiergate.ladder.Tier(1, "frontier", List.of(RouterBenchmark.endpoint("gpt-4-1106-preview",
                        dev.tiergate.pricing.Price.of(10, 30))), dev.tiergate.ladder.Tier.Balance.FAILOVER)));
    }
}
