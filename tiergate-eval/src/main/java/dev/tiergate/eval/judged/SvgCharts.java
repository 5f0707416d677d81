package dev.tiergate.eval.judged;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts for the report: no script and no CDN, so the page renders offline, in a mail attachment
 * and in a headless browser alike.
 */
final class SvgCharts {
    /** One bar: a label, a value, the text printed next to it and its colour. */
    record Bar(String label, double value, String text, String color) {}

    private static final int LABEL_WIDTH = 150;
    private static final int BAR_HEIGHT = 22;
    private static final int GAP = 8;
    /** Room after a full-length bar for its text, e.g. "100.0% (11/11)". */
    private static final int VALUE_WIDTH = 130;

    private SvgCharts() {}

    /** Horizontal bars scaled to {@code max} (for rates, 1.0); each bar's text is printed after it. */
    static String horizontal(String title, List<Bar> bars, double max, int width) {
        int plot = width - LABEL_WIDTH - VALUE_WIDTH;
        int height = bars.size() * (BAR_HEIGHT + GAP) + GAP;
        StringBuilder svg = open(title, width, height);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = GAP + i * (BAR_HEIGHT + GAP);
            double length = max <= 0 ? 0 : Math.max(0, Math.min(1, bar.value() / max)) * plot;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"lbl\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#eef1f5\"/>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"val\">%s</text>",
                    LABEL_WIDTH - 8, y + 15, Html.escape(bar.label()),
                    LABEL_WIDTH, y, plot, BAR_HEIGHT,
                    LABEL_WIDTH, y, length, BAR_HEIGHT, bar.color(),
                    LABEL_WIDTH + length + 6, y + 15, Html.escape(bar.text())));
        }
        return svg.append("</svg>").toString();
    }

    /** Vertical columns (a histogram), scaled to the largest value. */
    static String columns(String title, List<Bar> bars, int width, int height) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int plotTop = 20;
        int plotBottom = height - 24;
        int slot = width / Math.max(1, bars.size());
        int barWidth = (int) (slot * 0.6);
        StringBuilder svg = open(title, width, height);
        svg.append(String.format(Locale.ROOT, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9aa4b2\"/>", plotBottom, width, plotBottom));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double h = max <= 0 ? 0 : bar.value() / max * (plotBottom - plotTop);
            double x = i * slot + (slot - barWidth) / 2.0;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"val\">%s</text>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"lbl\">%s</text>",
                    x, plotBottom - h, barWidth, h, bar.color(),
                    x + barWidth / 2.0, plotBottom - h - 5, Html.escape(bar.text()),
                    x + barWidth / 2.0, height - 6, Html.escape(bar.label())));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><title>%s</title>",
                width, height, width, height, Html.escape(title)));
    }
}
