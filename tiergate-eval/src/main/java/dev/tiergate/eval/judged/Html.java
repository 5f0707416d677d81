package dev.tiergate.eval.judged;

import java.util.Locale;

/** Escaping and number formatting for the HTML report; every model output goes through {@link #escape}. */
final class Html {
    private Html() {}

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String percent(Double rate) {
        return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }

    /** Dollars with enough digits that small per-prompt costs do not all read as $0.00. */
    static String usd(double value) {
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "$%,.2f" : abs >= 1 ? "$%.3f" : abs >= 0.01 ? "$%.4f" : "$%.6f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
