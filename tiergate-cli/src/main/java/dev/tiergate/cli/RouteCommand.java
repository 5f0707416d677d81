package dev.tiergate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.ConfigException;
import dev.tiergate.config.RouteConfig;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.router.RouteProjection;
import dev.tiergate.router.Router;
import dev.tiergate.router.RouterFactory;
import dev.tiergate.router.RoutingDecision;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "route", mixinStandardHelpOptions = true,
        description = "Show the routing decision for a prompt without calling any model: tier, model, score, threshold, projected cost.")
final class RouteCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "TEXT", description = "The prompt (one user message).")
    String text;

    @Option(names = "--route", description = "Route name from the config (default: the first route whose strategy is not fixed).")
    String routeName;

    @Option(names = "--strategy", description = "Override the route's strategy: classifier, complexity, random, length.")
    String strategy;

    @Option(names = "--threshold", description = "Override the route's threshold.")
    Double threshold;

    @Option(names = "--model", paramLabel = "FILE", description = "Learned router weights (default: bundled).")
    String modelFile;

    @Option(names = "--output-tokens", defaultValue = "256", description = "Assumed completion length for the projection (default ${DEFAULT-VALUE}).")
    int outputTokens;

    @Option(names = "--json", description = "Print the decision as JSON.")
    boolean json;

    @Override
    public Integer call() {
        TiergateConfig cfg;
        try {
            cfg = config.load();
        } catch (ConfigException e) {
            System.err.println("tiergate: invalid configuration\n" + e.getMessage());
            return 2;
        }
        Ladder ladder = cfg.ladder();
        RouteConfig route = pickRoute(cfg);
        Router router = RouterFactory.create(route, ladder);
        ObjectNode body = Json.object();
        body.put("model", route.name());
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        long start = System.nanoTime();
        RoutingDecision d = router.decide(new ChatRequest(body), ladder);
        double ms = (System.nanoTime() - start) / 1e6;
        RouteProjection p = RouteProjection.of(route.name(), d, ladder, new ChatRequest(body), outputTokens);
        if (json) {
            ObjectNode o = p.toJson();
            o.put("decision_ms", ms);
            System.out.println(Json.text(o));
            return 0;
        }
        System.out.printf(Locale.ROOT, "route      %s (%s)%n", route.name(), router.strategy());
        System.out.printf(Locale.ROOT, "tier       %s [%d of %d]%n", p.tier().name(), d.tierIndex(), ladder.size());
        System.out.printf(Locale.ROOT, "model      %s (%s)%n", p.model().name(), p.model().model());
        System.out.printf(Locale.ROOT, "score      %.4f   threshold %.4f%n", d.score(), d.threshold());
        System.out.printf(Locale.ROOT, "reason     %s%n", d.reason());
        System.out.printf(Locale.ROOT, "projected  $%.6f vs $%.6f on the frontier tier (%s) for %d in + %d out tokens: saves %.0f%%%n",
                p.projectedCostUsd(), p.frontierCostUsd(), p.frontier().name(), p.inputTokens(), p.outputTokens(), 100 * p.savings());
        System.out.printf(Locale.ROOT, "decided in %.1f ms (includes model loading on first use)%n", ms);
        return 0;
    }

    private RouteConfig pickRoute(TiergateConfig cfg) {
        RouteConfig r;
        if (routeName != null) {
            r = cfg.route(routeName).orElseThrow(() -> new IllegalArgumentException("no route named " + routeName));
        } else {
            r = cfg.routes().stream().filter(x -> !"fixed".equals(x.strategy())).findFirst()
                    .orElse(new RouteConfig("auto", "classifier", Double.NaN, null, Json.object()));
        }
        String s = strategy != null ? strategy : r.strategy();
        double t = threshold != null ? threshold : r.threshold();
        ObjectNode raw = r.raw() == null ? Json.object() : r.raw().deepCopy();
        if (modelFile != null) {
            raw.put("model", modelFile);
        }
        return new RouteConfig(r.name(), s, t, r.tier(), raw);
    }
}
