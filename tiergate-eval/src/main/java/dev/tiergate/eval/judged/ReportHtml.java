package dev.tiergate.eval.judged;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched) that a team can
 * attach to a mail. Headline first, then the charts, the breakdowns, and every prompt with both answers and the
 * judge's own words, so any figure can be checked by reading the rows behind it.
 */
final class ReportHtml {
    private static final String BLUE = "#3b6fd8";
    private static final String GREEN = "#2e9e6a";
    private static final String GREY = "#9aa4b2";
    private static final String RED = "#d9534f";
    private static final String[] TIER_COLORS = {"#2e9e6a", "#e0a030", "#d9534f", "#7a5fc8", "#3b6fd8"};
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;margin:24px auto;max-width:1180px;padding:0 16px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e3e7ee;padding-bottom:4px}
            .sub{color:#5b6576}.banner{padding:8px 12px;border-radius:6px;margin:10px 0}.warn{background:#fff4dc;border:1px solid #f0c36d}
            .info{background:#eaf1ff;border:1px solid #a9c1f5}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
            .card{flex:1 1 220px;border:1px solid #e3e7ee;border-radius:8px;padding:12px 14px}.card .big{font-size:28px;font-weight:650}
            .card .big.good{color:#2e9e6a}.card .lab{color:#5b6576;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            .charts{display:flex;gap:24px;flex-wrap:wrap}.chart{flex:1 1 460px}.chart h3{font-size:14px;margin:8px 0}
            table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #eef1f5;padding:5px 8px;text-align:left;vertical-align:top}
            th{background:#f6f8fb;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            details{border:1px solid #e3e7ee;border-radius:6px;margin:6px 0;padding:6px 10px}summary{cursor:pointer}
            pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fb;padding:8px;border-radius:4px;margin:4px 0 10px;max-height:420px;overflow:auto}
            .pass{color:#2e9e6a;font-weight:600}.fail{color:#d9534f;font-weight:600}.excl{color:#8a6d1e;font-weight:600}
            svg text.lbl{font-size:12px;fill:#3d4657}svg text.val{font-size:12px;fill:#1d2433}
            """;

    private ReportHtml() {}

    static String render(EvalResults results) {
        EvalReport r = results.report();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>Tiergate eval: route ").append(Html.escape(r.run().route())).append("</title><style>").append(STYLE)
                .append("</style></head><body>");
        header(html, r);
        cards(html, r);
        charts(html, r);
        groups(html, "By complexity tier", r.byComplexity());
        groups(html, "By task category", r.byCategory());
        exclusions(html, r);
        agreement(html, r.agreement());
        prompts(html, results.rows(), r.run().passScore());
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, EvalReport r) {
        EvalReport.Run run = r.run();
        html.append("<h1>Route <code>").append(Html.escape(run.route())).append("</code> against the baseline <code>")
                .append(Html.escape(run.baseline())).append("</code></h1><p class=\"sub\">Judged by <code>")
                .append(Html.escape(run.judge())).append("</code>");
        if (run.judge2() != null) {
            html.append(" (second judge <code>").append(Html.escape(run.judge2())).append("</code>)");
        }
        html.append(" · a routed answer scoring ").append(run.passScore()).append(" or more of 5 counts as quality preserved · ")
                .append(run.finished()).append(" of ").append(run.prompts()).append(" prompts finished</p>");
        if (!"complete".equals(run.status())) {
            html.append("<div class=\"banner warn\"><b>").append(Html.escape(capitalized(run.statusText()))).append(":</b> ")
                    .append(run.finished()).append(" of ").append(run.prompts()).append(" prompts finished, ").append(run.notRun())
                    .append(" not run; spent ").append(Html.usd(run.spentUsd()));
            if (run.maxSpendUsd() != null) {
                html.append(" of a ").append(Html.usd(run.maxSpendUsd())).append(" cap");
            }
            html.append(". The figures cover the finished prompts only. Rerun the same command to continue")
                    .append(run.maxSpendUsd() != null ? " (raise <code>--max-spend</code> first if the cap stopped it)" : "")
                    .append(".</div>");
        }
        if (run.projection()) {
            html.append("<div class=\"banner info\"><b>Projection:</b> costs are the measured token counts re-priced with <code>")
                    .append(Html.escape(run.priceOverlay())).append("</code> (")
                    .append(run.repriced().isEmpty() ? "no model matched it" : "re-priced: " + Html.escape(String.join(", ", run.repriced())))
                    .append("; other models at their configured prices). What the run really cost: ")
                    .append(Html.usd(run.spentUsd())).append(".</div>");
        }
    }

    private static void cards(StringBuilder html, EvalReport r) {
        EvalReport.Headline h = r.headline();
        String costWord = r.run().projection() ? "projected cost" : "cost";
        html.append("<div class=\"cards\">");
        card(html, "Quality preserved", Html.percent(h.preservedRate()), h.preserved() + " / " + h.scored() + " prompts scored "
                + r.run().passScore() + "+", true);
        card(html, r.run().projection() ? "Cost reduction (projected)" : "Cost reduction", Html.percent(h.costReduction()), "baseline " + costWord + " " + Html.usd(h.baselineCostUsd())
                + " → routed " + Html.usd(h.routedCostUsd()), true);
        EvalReport.Routing routing = r.routing();
        String failed = routing.failed() == 0 ? "" : "; " + routing.failed() + (routing.failed() == 1 ? " routed request" : " routed requests")
                + " got no answer (scored 1)";
        card(html, "Escalation rate", Html.percent(routing.escalationRate()), routing.escalated() + " of " + routing.answered()
                + " routed answers climbed the ladder" + failed, false);
        card(html, "Excluded", Integer.toString(h.excluded()), "finished but not scored; see below · eval spend "
                + Html.usd(r.run().spentUsd()) + " (judging " + Html.usd(h.judgeCostUsd()) + ")", false);
        html.append("</div>");
    }

    private static void card(StringBuilder html, String label, String big, String detail, boolean good) {
        html.append("<div class=\"card\"><div class=\"lab\">").append(Html.escape(label)).append("</div><div class=\"big")
                .append(good ? " good" : "").append("\">").append(Html.escape(big)).append("</div><div class=\"sub\">")
                .append(Html.escape(detail)).append("</div></div>");
    }

    private static void charts(StringBuilder html, EvalReport r) {
        EvalReport.Headline h = r.headline();
        List<SvgCharts.Bar> cost = List.of(
                new SvgCharts.Bar("baseline", h.baselineCostUsd(), Html.usd(h.baselineCostUsd()), GREY),
                new SvgCharts.Bar("routed", h.routedCostUsd(), Html.usd(h.routedCostUsd()), GREEN));
        List<SvgCharts.Bar> scores = new ArrayList<>();
        for (Map.Entry<String, Integer> e : r.scoreDistribution().entrySet()) {
            boolean pass = Integer.parseInt(e.getKey()) >= r.run().passScore();
            scores.add(new SvgCharts.Bar(e.getKey(), e.getValue(), Integer.toString(e.getValue()), pass ? GREEN : RED));
        }
        List<SvgCharts.Bar> mix = new ArrayList<>();
        List<EvalReport.TierShare> tiers = r.routing().tierMix();
        for (int i = 0; i < tiers.size(); i++) {
            EvalReport.TierShare t = tiers.get(i);
            double share = t.share() == null ? 0 : t.share();
            mix.add(new SvgCharts.Bar(t.tier(), share, Html.percent(t.share()) + " (" + t.count() + ")", TIER_COLORS[i % TIER_COLORS.length]));
        }
        List<SvgCharts.Bar> categories = r.byCategory().stream().map(g -> new SvgCharts.Bar(g.name(), g.rate() == null ? 0 : g.rate(),
                Html.percent(g.rate()) + " (" + g.preserved() + "/" + g.scored() + ")", BLUE)).toList();
        html.append("<h2>Charts</h2><div class=\"charts\">");
        chart(html, r.run().projection() ? "Projected cost of the scored prompts" : "Cost of the scored prompts",
                SvgCharts.horizontal("cost", cost, Math.max(h.baselineCostUsd(), h.routedCostUsd()), 540));
        chart(html, "Judge scores (1 unusable … 5 as good or better)", SvgCharts.columns("scores", scores, 540, 200));
        chart(html, "Routed tier mix", SvgCharts.horizontal("tier mix", mix, 1, 540));
        chart(html, "Quality preserved by category", SvgCharts.horizontal("categories", categories, 1, 540));
        html.append("</div>");
    }

    private static void chart(StringBuilder html, String title, String svg) {
        html.append("<div class=\"chart\"><h3>").append(Html.escape(title)).append("</h3>").append(svg).append("</div>");
    }

    private static void groups(StringBuilder html, String title, List<EvalReport.Group> groups) {
        html.append("<h2>").append(Html.escape(title)).append("</h2><table><tr><th></th><th class=\"num\">scored</th>")
                .append("<th class=\"num\">preserved</th><th class=\"num\">rate</th><th class=\"num\">excluded</th>")
                .append("<th class=\"num\">baseline cost</th><th class=\"num\">routed cost</th><th class=\"num\">cost reduction</th></tr>");
        for (EvalReport.Group g : groups) {
            html.append("<tr><td>").append(Html.escape(g.name())).append("</td>").append(num(Integer.toString(g.scored())))
                    .append(num(Integer.toString(g.preserved()))).append(num(Html.percent(g.rate())))
                    .append(num(Integer.toString(g.excluded()))).append(num(Html.usd(g.baselineCostUsd())))
                    .append(num(Html.usd(g.routedCostUsd()))).append(num(Html.percent(g.costReduction()))).append("</tr>");
        }
        html.append("</table>");
    }

    private static void exclusions(StringBuilder html, EvalReport r) {
        html.append("<h2>Excluded rows</h2><p class=\"sub\">Finished prompts that do not count towards quality preserved or the cost ")
                .append("comparison. A routed request that got no answer is not excluded: it scores 1.</p><table>");
        r.exclusions().forEach((reason, count) -> html.append("<tr><td>").append(Html.escape(reason)).append("</td>")
                .append(num(Integer.toString(count))).append("</tr>"));
        html.append("<tr><td>not run").append("complete".equals(r.run().status()) ? "" : " (" + Html.escape(r.run().statusText()) + ")")
                .append("</td>")
                .append(num(Integer.toString(r.run().notRun()))).append("</tr></table>");
    }

    private static void agreement(StringBuilder html, EvalReport.Agreement a) {
        if (a == null) {
            return;
        }
        html.append("<h2>Judge agreement</h2><p>Second judge <code>").append(Html.escape(a.judge2())).append("</code> on ")
                .append(a.pairs()).append(" rows both judges scored: exact agreement ").append(Html.percent(a.exactAgreement()))
                .append(", Cohen's κ on the 1–5 score ").append(kappa(a.kappa())).append(", on preserved / not preserved ")
                .append(kappa(a.kappaPreserved())).append("; the second judge calls ").append(a.preservedByJudge2())
                .append(" of them preserved.</p>");
    }

    private static void prompts(StringBuilder html, List<ScoredRow> rows, int passScore) {
        html.append("<h2>Every prompt</h2>");
        for (ScoredRow scored : rows) {
            EvalRow row = scored.row();
            RowFigures f = scored.figures();
            html.append("<details><summary><b>").append(Html.escape(row.id())).append("</b> · ").append(Html.escape(row.category()))
                    .append(" · ").append(Html.escape(row.complexity())).append(" · ").append(verdict(f, passScore));
            if (row.routed() != null && !row.routed().answered()) {
                html.append(" · <span class=\"fail\">the route gave no answer</span>");
            }
            if (f.routedTier() != null) {
                html.append(" · routed to ").append(Html.escape(f.routedTier()));
                if (f.escalations() > 0) {
                    html.append(" after ").append(f.escalations()).append(f.escalations() == 1 ? " escalation" : " escalations");
                }
            }
            html.append(" · ").append(Html.usd(f.baselineCostUsd())).append(" → ").append(Html.usd(f.routedCostUsd()))
                    .append("</summary>");
            block(html, "Prompt", row.prompt());
            block(html, "Baseline answer (" + tokens(f.baselineInputTokens(), f.baselineOutputTokens()) + ", "
                    + Html.usd(f.baselineCostUsd()) + ")", answer(row.baseline()));
            if (row.routed() != null) {
                block(html, "Routed answer (" + tokens(f.routedInputTokens(), f.routedOutputTokens()) + " over "
                        + row.routed().calls().size() + " calls, " + Html.usd(f.routedCostUsd()) + ")", answer(row.routed()));
            }
            judge(html, row.judge());
            judge(html, row.judge2());
            html.append("</details>");
        }
    }

    private static String verdict(RowFigures f, int passScore) {
        if (f.score() == null) {
            return "<span class=\"excl\">excluded: " + Html.escape(f.exclusion()) + "</span>";
        }
        return "<span class=\"" + (f.preserved() ? "pass" : "fail") + "\">score " + f.score() + (f.preserved() ? " ≥ " : " < ")
                + passScore + "</span>";
    }

    private static void judge(StringBuilder html, JudgeVerdict verdict) {
        if (verdict == null) {
            return;
        }
        String text = verdict.raw() != null ? verdict.raw() : "(no reply: " + verdict.error() + ")";
        String label = "Judge " + verdict.judge() + (verdict.scored() ? ": score " + verdict.score() : ": no score");
        block(html, label, text);
    }

    private static String answer(PassResult pass) {
        return pass.answered() ? pass.text() : "(no answer: " + pass.error() + ")";
    }

    private static void block(StringBuilder html, String label, String text) {
        html.append("<div class=\"sub\">").append(Html.escape(label)).append("</div><pre>").append(Html.escape(text)).append("</pre>");
    }

    private static String tokens(long in, long out) {
        return String.format(Locale.ROOT, "%,d in / %,d out tokens", in, out);
    }

    private static String num(String text) {
        return "<td class=\"num\">" + Html.escape(text) + "</td>";
    }

    private static String kappa(Double k) {
        return k == null ? "n/a" : String.format(Locale.ROOT, "%.3f", k);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
