package dev.tiergate.eval.replay;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.eval.data.Row;
import dev.tiergate.eval.replay.LadderReplay.Point;
import dev.tiergate.eval.replay.LadderReplay.Single;
import dev.tiergate.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a replay's artefacts: {@code decisions.jsonl} ({"id", "score"} per row, higher = strong),
 * {@code metrics.json}, {@code plot.svg} and {@code index.html}; with a ladder also {@code ladder.svg} and the ladder
 * metrics under "ladder" in metrics.json.
 */
public final class Replay {
    private Replay() {}

    public static ObjectNode write(Path dir, TwoTier two, LadderReplay ladder, String routerName) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(dir.resolve("decisions.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < two.rows.size(); i++) {
                ObjectNode d = Json.object();
                d.put("id", two.rows.get(i).id());
                d.put("score", two.score[i]);
                w.write(Json.text(d));
                w.write('\n');
            }
        }
        ObjectNode metrics = two.metrics();
        metrics.put("router", routerName);
        if (ladder != null) {
            metrics.set("ladder", ladder.metrics());
        }
        Files.writeString(dir.resolve("metrics.json"),
                Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metrics));
        String strongSvg = fractionPlot(two, routerName).svg(560, 380);
        String costSvg = costPlot(two, routerName).svg(560, 380);
        Files.writeString(dir.resolve("plot.svg"), strongSvg);
        Files.writeString(dir.resolve("cost.svg"), costSvg);
        String ladderSvg = ladder == null ? "" : ladderPlot(ladder).svg(560, 380);
        if (ladder != null) {
            Files.writeString(dir.resolve("ladder.svg"), ladderSvg);
        }
        Files.writeString(dir.resolve("index.html"), html(two, ladder, routerName, strongSvg, costSvg, ladderSvg));
        return metrics;
    }

    static Plot fractionPlot(TwoTier t, String name) {
        Plot p = new Plot("Quality vs % strong calls", "% calls to " + t.strongModel, "mean quality");
        p.add(series(name, "#1f77b4", t.curve.fractions(), t.curve.qualities(), 100, false));
        p.add(series("random", "#999999", new double[] {0, 1}, new double[] {t.random.qualityAt(0), t.random.qualityAt(1)}, 100, true));
        p.add(series("oracle", "#2ca02c", t.oracle.fractions(), t.oracle.qualities(), 100, true));
        return p;
    }

    static Plot costPlot(TwoTier t, String name) {
        Plot p = new Plot("Quality vs cost", "total cost (USD)", "mean quality");
        int steps = 50;
        double[] c = new double[steps + 1], q = new double[steps + 1], rc = new double[steps + 1], rq = new double[steps + 1];
        double[] oc = new double[steps + 1], oq = new double[steps + 1];
        double[] gain = new double[t.rows.size()];
        for (int i = 0; i < gain.length; i++) {
            gain[i] = t.strong[i] - t.weak[i];
        }
        for (int k = 0; k <= steps; k++) {
            double f = (double) k / steps;
            c[k] = t.costAt(f);
            q[k] = t.curve.qualityAt(f);
            rc[k] = t.totalWeakCost() + f * (t.totalStrongCost() - t.totalWeakCost());
            rq[k] = t.random.qualityAt(f);
            oc[k] = t.costAt(gain, f);
            oq[k] = t.oracle.qualityAt(f);
        }
        p.add(series(name, "#1f77b4", c, q, 1, false));
        p.add(series("random", "#999999", rc, rq, 1, true));
        p.add(series("oracle", "#2ca02c", oc, oq, 1, true));
        return p;
    }

    static Plot ladderPlot(LadderReplay l) {
        Plot p = new Plot("N-model frontier vs single models", "total cost (USD)", "mean quality");
        List<Point> f = l.frontier;
        double[] x = f.stream().mapToDouble(Point::cost).toArray();
        double[] y = f.stream().mapToDouble(Point::quality).toArray();
        p.add(series("router frontier", "#1f77b4", x, y, 1, false));
        double[] sx = l.singles.stream().mapToDouble(Single::cost).toArray();
        double[] sy = l.singles.stream().mapToDouble(Single::quality).toArray();
        p.add(series("single models", "#d62728", sx, sy, 1, false).withPoints());
        return p;
    }

    private static Plot.Series series(String name, String color, double[] x, double[] y, double xScale, boolean dashed) {
        double[] xs = x.clone();
        for (int i = 0; i < xs.length; i++) {
            xs[i] *= xScale;
        }
        return new Plot.Series(name, color, xs, y, dashed, false);
    }

    private static String html(TwoTier t, LadderReplay l, String name, String a, String b, String c) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Tiergate replay</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}</style>")
                .append("</head><body>");
        sb.append("<h1>Replay: ").append(Plot.esc(name)).append("</h1>");
        sb.append(String.format(Locale.ROOT, "<p>%d prompts; strong <b>%s</b> %.3f, weak <b>%s</b> %.3f; "
                        + "APGR <b>%.3f</b> (random %.3f, oracle %.3f); CPT(50%%) %.1f%%, CPT(80%%) %.1f%%</p>",
                t.rows.size(), Plot.esc(t.strongModel), t.curve.strongQuality(), Plot.esc(t.weakModel),
                t.curve.weakQuality(), t.curve.apgr(), t.random.apgr(), t.oracle.apgr(),
                100 * t.curve.cpt(0.5), 100 * t.curve.cpt(0.8)));
        sb.append("<div>").append(a).append(b).append("</div>");
        sb.append("<table><tr><th>% strong</th><th>quality</th><th>PGR</th><th>cost USD</th><th>random</th><th>oracle</th></tr>");
        for (int k = 0; k <= 10; k++) {
            double f = k / 10.0;
            sb.append(String.format(Locale.ROOT, "<tr><td>%.0f%%</td><td>%.3f</td><td>%.3f</td><td>%.4f</td><td>%.3f</td><td>%.3f</td></tr>",
                    100 * f, t.curve.qualityAt(f), t.curve.pgrAt(f), t.costAt(f), t.random.qualityAt(f), t.oracle.qualityAt(f)));
        }
        sb.append("</table>");
        if (l != null) {
            sb.append("<h2>Ladder: ").append(Plot.esc(String.join(" → ", l.ladder))).append("</h2><div>").append(c).append("</div>");
            sb.append("<table><tr><th>model</th><th>quality</th><th>cost USD</th><th>dominated by router</th></tr>");
            for (Single s : l.singles) {
                sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.4f</td><td>%s</td></tr>",
                        Plot.esc(s.model()), s.quality(), s.cost(), l.dominates(s) ? "yes" : "no"));
            }
            sb.append("</table>");
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }
}
