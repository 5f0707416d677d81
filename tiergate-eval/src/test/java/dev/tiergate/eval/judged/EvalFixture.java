package dev.tiergate.eval.judged;

import dev.tiergate.config.ConfigLoader;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.pricing.PriceCatalog;
import dev.tiergate.provider.Providers;
import dev.tiergate.testing.LoopbackAnthropic;
import dev.tiergate.testing.LoopbackOpenAi;
import dev.tiergate.testing.LoopbackServer;
import dev.tiergate.testing.Reply;
import java.util.List;
import java.util.Map;

/**
 * Five loopback upstreams in their real wire formats — cheap (OpenAI, gpt), mid and frontier (Anthropic, claude),
 * judge (OpenAI wire, gemini) and judge2 (OpenAI wire, mistral) — behind a config with a cascade route gated by
 * {@code refusal}, and nine prompts whose every answer, token count and judge reply is scripted, so that each
 * figure of the report is known in advance.
 *
 * <p>The loopbacks answer from order-based queues, so the runs using this fixture evaluate one prompt at a time
 * (concurrency 1): then each upstream sees its calls in the set's order. {@link #script()} queues one whole run; a
 * run stopped after k prompts leaves exactly the replies of the others queued, which a resumed run then consumes.
 *
 * <p>Prices (USD per 1M tokens): cheap 1 / 2, mid 4 / 10, frontier 20 / 50, judge 0.5 / 1, judge2 1 / 3.
 */
final class EvalFixture implements AutoCloseable {
    static final String CONFIG = """
            defaults:
              timeouts: {connect: 5s, first_token: 20s, total: 30s}   # generous: CI machines can be busy
              retry: {max_retries: 0}                                 # a scripted 500 fails at once
            models:
              - {name: cheap, provider: openai, model: gpt-5.4-nano, base_url: "%s", api_key: sk-test, price: {input: 1, output: 2}}
              - {name: mid, provider: anthropic, model: claude-haiku-4-5, base_url: "%s", api_key: sk-ant, price: {input: 4, output: 10}}
              - {name: frontier, provider: anthropic, model: claude-opus-4-7, base_url: "%s", api_key: sk-ant, price: {input: 20, output: 50}}
              - {name: judge, provider: openai, model: gemini-2.5-flash, base_url: "%s", api_key: sk-test, price: {input: 0.5, output: 1}}
              - {name: judge2, provider: openai, model: mistral-large-latest, base_url: "%s", api_key: sk-test, price: {input: 1, output: 3}}
            ladder: [cheap, mid, frontier]
            routes:
              - {name: auto, strategy: cascade, gates: [refusal]}
            """;

    final LoopbackOpenAi cheap = new LoopbackOpenAi();
    final LoopbackAnthropic mid = new LoopbackAnthropic();
    final LoopbackAnthropic frontier = new LoopbackAnthropic();
    final LoopbackOpenAi judge = new LoopbackOpenAi();
    final LoopbackOpenAi judge2 = new LoopbackOpenAi();
    final TiergateConfig config;

    EvalFixture() {
        this(CONFIG);
    }

    /** @param yaml a config template with five {@code %s} for the base URLs of cheap, mid, frontier, judge and judge2 */
    EvalFixture(String yaml) {
        config = new ConfigLoader(Map.<String, String>of()::get, PriceCatalog.bundled()).parse(
                yaml.formatted(cheap.baseUrl(), mid.baseUrl(), frontier.baseUrl(), judge.baseUrl(), judge2.baseUrl()), "eval-test.yaml", false);
    }

    /** Nine prompts, in the order {@link #script()} answers them. */
    static List<EvalItem> items() {
        return EvalSet.parse("""
                {"id": "q1", "category": "qa", "tier": "low", "prompt": "What is the capital of France?"}
                {"id": "q2", "category": "qa", "tier": "low", "prompt": "How many legs does a spider have?"}
                {"id": "c1", "category": "code", "tier": "medium", "prompt": "Write a Python function that reverses a string."}
                {"id": "c2", "category": "code", "tier": "high", "prompt": "Implement an LRU cache in Java with O(1) operations."}
                {"id": "m1", "category": "math", "tier": "high", "prompt": "Prove that the square root of 2 is irrational."}
                {"id": "m2", "category": "math", "tier": "medium", "prompt": "What is 17 times 23?"}
                {"id": "w1", "category": "writing", "tier": "medium", "prompt": "Write a haiku about autumn rain."}
                {"id": "w2", "category": "writing", "tier": "low", "prompt": "Suggest a title for a blog post about sourdough."}
                {"id": "x1", "category": "extraction", "tier": "low", "prompt": "Extract the year from: 'Founded in 1998 in Oslo.'"}
                """, "fixture");
    }

    static EvalSettings settings() {
        return EvalSettings.of("auto", "frontier", "judge", "judge2");
    }

    EvalRunner runner(EvalSettings settings) {
        return new EvalRunner(config, settings, Providers::create, null);
    }

    /**
     * Queues every reply of one whole run of {@link #items()}:
     * <pre>
     * id  baseline (frontier)   route                                         judge            judge2
     * q1  100 in / 20 out       cheap "Paris." 100/10                         SCORE: 5         SCORE: 5
     * q2  100 / 20              cheap 100/10                                  SCORE: 3         SCORE: 2
     * c1  200 / 100             cheap refuses 200/5 → mid 200/80              SCORE: 4         SCORE: 4
     * c2  200 / 100             cheap 200/50                                  SCORE: 2         SCORE: 2
     * m1  150 / 60              cheap 150/8, mid 150/5 refuse → frontier 150/60  SCORE: 5      SCORE: 4
     * m2  150 / 60              cheap 150/30                                  "4 out of 5"     SCORE: 3
     * w1  120 / 200             cheap 120/150                                 HTTP 500         SCORE: 4
     * w2  HTTP 500              (skipped)                                     (skipped)        (skipped)
     * x1  100 / 10              cheap HTTP 400 (not escalated: a 4xx)         (skipped)        (skipped)
     * </pre>
     * Every judge call reports 300 input and 20 output tokens.
     */
    void script() {
        frontier.enqueue(
                ok("Paris is the capital of France.", 100, 20),
                ok("A spider has eight legs.", 100, 20),
                ok("def reverse(s):\n    return s[::-1]", 200, 100),
                ok("A LinkedHashMap with accessOrder=true and removeEldestEntry gives O(1) get and put.", 200, 100),
                ok("Suppose sqrt(2) = p/q in lowest terms; then p^2 = 2q^2, so p and q are both even: a contradiction.", 150, 60),
                // m1's routed pass climbs to the frontier right after m1's baseline call
                ok("If sqrt(2) = p/q with p/q reduced, p^2 = 2q^2 makes p even, then q even: impossible.", 150, 60),
                ok("17 × 23 = 391", 150, 60),
                ok("Cold rain on the eaves / red leaves loosen one by one / the gutter hums low", 120, 200),
                Reply.error(500, "frontier overloaded"),
                ok("1998", 100, 10));
        cheap.enqueue(
                ok("Paris.", 100, 10),
                ok("Eight.", 100, 10),
                ok("I don't know.", 200, 5),
                ok("Use a HashMap plus a doubly linked list; move hits to the front, evict the tail.", 200, 50),
                ok("I don't know.", 150, 8),
                ok("391", 150, 30),
                ok("Rain taps the window / maple leaves drift to the ground / autumn settles in", 120, 150),
                Reply.error(400, "unsupported parameter"));
        mid.enqueue(
                ok("def reverse(s: str) -> str:\n    return s[::-1]", 200, 80),
                ok("I cannot answer that.", 150, 5));
        judge.enqueue(
                ok("Short but correct.\nSCORE: 5", 300, 20),
                ok("Correct, less detail.\nSCORE: 3", 300, 20),
                ok("Equivalent code, typed.\nSCORE: 4", 300, 20),
                ok("Describes the idea but writes no code.\nSCORE: 2", 300, 20),
                ok("The same proof.\nSCORE: 5", 300, 20),
                ok("Looks fine to me, 4 out of 5.", 300, 20),
                Reply.error(500, "judge overloaded"));
        judge2.enqueue(
                ok("SCORE: 5", 300, 20),
                ok("SCORE: 2", 300, 20),
                ok("SCORE: 4", 300, 20),
                ok("SCORE: 2", 300, 20),
                ok("SCORE: 4", 300, 20),
                ok("SCORE: 3", 300, 20),
                ok("SCORE: 4", 300, 20));
    }

    static Reply ok(String text, long input, long output) {
        return Reply.text(text).withUsage(input, 0, output);
    }

    List<LoopbackServer> upstreams() {
        return List.of(cheap, mid, frontier, judge, judge2);
    }

    @Override
    public void close() {
        upstreams().forEach(LoopbackServer::close);
    }
}
