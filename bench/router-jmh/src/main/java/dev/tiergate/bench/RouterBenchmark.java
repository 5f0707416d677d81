package dev.tiergate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.RetryPolicy;
import dev.tiergate.config.Secret;
import dev.tiergate.config.Timeouts;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.pricing.Price;
import dev.tiergate.provider.ProviderKind;
import dev.tiergate.router.RoutingDecision;
import dev.tiergate.router.learned.LearnedRouter;
import dev.tiergate.router.learned.PromptEmbedder;
import dev.tiergate.router.learned.RouterModel;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decision latency of the bundled learned router, cache disabled (every prompt is embedded): one decision for a
 * ~200-token and a ~4,000-token (few-shot) prompt in SampleTime mode (p50/p99 in the JMH percentiles), and batched
 * decisions per second on one ONNX thread. Prompts are synthetic and distinct.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class RouterBenchmark {

    /** ONNX Runtime intra-op threads. */
    @Param({"1", "2"})
    public int threads;

    private LearnedRouter router;
    private PromptEmbedder embedder;
    private Ladder ladder;
    private List<ChatRequest> short200;
    private List<ChatRequest> long4000;
    private List<String> batchTexts;
    private int next;

    private static final String[] WORDS = ("the of and a to in is you that it he was for on are as with his they at be "
            + "this have from or one had by word but not what all were we when your can said there use an each which "
            + "she do how their if will up other about out many then them these so some her would make like him into "
            + "time has look two more write go see number no way could people my than first water been call who oil "
            + "its now find long down day did get come made may part function python integral proof theorem energy "
            + "market contract protein enzyme galaxy velocity algorithm database").split(" ");

    static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(i % 17 == 0 ? ". " : " ");
            }
            sb.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    /** ~tokens word pieces of prose ending in a question. */
    static String prompt(Random r, int tokens) {
        return words(r, (int) (tokens * 0.8)) + "? Explain your answer.";
    }

    /** A few-shot prompt of ~tokens: solved examples, then the open question. */
    static String fewShot(Random r, int tokens) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < tokens * 4.2) {
            sb.append(words(r, 60)).append("?\nA) ").append(words(r, 3)).append("\nB) ").append(words(r, 3))
                    .append("\nAnswer:\nA\n\n");
        }
        sb.append(words(r, 60)).append("?\nA) ").append(words(r, 3)).append("\nB) ").append(words(r, 3)).append("\nAnswer:");
        return sb.toString();
    }

    static ChatRequest request(String text) {
        ObjectNode body = Json.object();
        body.put("model", "auto");
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return new ChatRequest(body);
    }

    static ModelEndpoint endpoint(String name, Price price) {
        return new ModelEndpoint(name, ProviderKind.OPENAI, name, URI.create("http://127.0.0.1:9"), Secret.NONE, null, price,
                Timeouts.DEFAULT, RetryPolicy.NONE, Map.of(), Secret.NONE, Secret.NONE, List.of());
    }

    @Setup(Level.Trial)
    public void setup() {
        RouterModel model = RouterModel.bundled();
        embedder = new PromptEmbedder(model.embedding(), model.maxTokens(), model.headTokens(), 0, threads);
        router = new LearnedRouter(model, embedder, Double.NaN, Map.of());
        ladder = new Ladder(List.of(
                new Tier(0, "cheap", List.of(endpoint("mixtral-8x7b-instruct", Price.of(0.6, 0.6))), Tier.Balance.FAILOVER),
                new Tier(1, "frontier", List.of(endpoint("gpt-4-1106-preview", Price.of(10, 30))), Tier.Balance.FAILOVER)));
        Random r = new Random(42);
        short200 = new ArrayList<>();
        long4000 = new ArrayList<>();
        batchTexts = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            short200.add(request(prompt(r, 200)));
            long4000.add(request(fewShot(r, 4000)));
            batchTexts.add(prompt(r, 200));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        embedder.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RoutingDecision decide200() {
        return router.decide(short200.get(next++ & 511), ladder);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RoutingDecision decide4000() {
        return router.decide(long4000.get(next++ & 511), ladder);
    }

    /** 64 distinct 200-token prompts per call: score = batches/s, x64 = decisions/s. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(64)
    public List<double[]> batched64() {
        int start = (next += 64) & 511;
        List<String> batch = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            batch.add(batchTexts.get((start + i) & 511) + " #" + next + "-" + i);
        }
        return router.predictAll(batch);
    }
}
