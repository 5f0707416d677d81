package dev.tiergate.ledger.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.json.Json;

/** The report as JSON (the {@code GET /v1/report} body and {@code tiergate report --json}). Rates are 0..1. */
public final class ReportJson {
    private ReportJson() {}

    public static ObjectNode of(SavingsReport report) {
        ObjectNode root = Json.object();
        root.put("object", "tiergate.report");
        root.put("since", report.window().since().toString());
        root.put("until", report.window().until().toString());
        root.put("bucket_seconds", report.window().bucket().toSeconds());
        root.put("headline", report.headline());
        if (report.by() != null) {
            root.put("by", report.by().label());
        }
        root.set("totals", figures(report.totals()));
        ArrayNode mix = root.putArray("tier_mix");
        report.tierMix().forEach(t -> mix.addObject().put("tier", t.tier()).put("requests", t.requests()).put("share", t.share()));
        ArrayNode latency = root.putArray("latency_ms");
        report.latency().forEach(l -> latency.addObject().put("tier", l.tier()).put("requests", l.requests())
                .put("p50", l.p50Ms()).put("p95", l.p95Ms()));
        ObjectNode estimates = root.putObject("counterfactual_estimates");
        report.estimates().forEach(estimates::put);
        ArrayNode groups = root.putArray("groups");
        report.groups().forEach(g -> {
            ObjectNode group = figures(g.figures());
            group.put("key", g.key());
            group.put("headline", g.figures().headline());
            groups.add(group);
        });
        ArrayNode series = root.putArray("series");
        report.series().forEach(p -> {
            ObjectNode point = figures(p.figures());
            point.put("start", p.start().toString());
            series.add(point);
        });
        return root;
    }

    private static ObjectNode figures(Figures f) {
        ObjectNode node = Json.object();
        node.put("requests", f.requests());
        node.put("failed", f.failed());
        node.put("cost_usd", f.costUsd());
        node.put("counterfactual_usd", f.counterfactualUsd());
        node.put("savings_pct", f.savingsPct());
        node.put("escalation_rate", f.escalationRate());
        node.put("gate_failure_rate", f.gateFailureRate());
        if (f.parity() == null) {
            node.putNull("parity");
        } else {
            node.put("parity", f.parity());
        }
        node.put("parity_samples", f.paritySamples());
        return node;
    }
}
