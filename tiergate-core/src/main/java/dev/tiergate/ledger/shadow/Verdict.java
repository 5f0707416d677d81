package dev.tiergate.ledger.shadow;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A pairwise judge's pick between the answer shown first (A) and second (B). */
public enum Verdict {
    A, B, TIE;

    private static final Pattern LABELLED = Pattern.compile("VERDICT\\s*[:=]\\s*\\**\\s*(A|B|TIE)\\b");

    /** Reads the judge's reply: the bare token on its first line, else a "VERDICT: X" anywhere; empty if neither. */
    public static Optional<Verdict> parse(String reply) {
        if (reply == null) {
            return Optional.empty();
        }
        String upper = reply.trim().toUpperCase(Locale.ROOT);
        String first = upper.lines().findFirst().orElse("").replaceAll("[^A-Z]", "");
        if (first.equals("A") || first.equals("B") || first.equals("TIE")) {
            return Optional.of(valueOf(first));
        }
        Matcher m = LABELLED.matcher(upper);
        return m.find() ? Optional.of(valueOf(m.group(1))) : Optional.empty();
    }

    /** How the routed answer fared, given it was shown in position {@code routedShownAs}: 1 won, 0.5 tie, 0 lost. */
    public double scoreFor(Verdict routedShownAs) {
        if (this == TIE) {
            return 0.5;
        }
        return this == routedShownAs ? 1.0 : 0.0;
    }

    /** The verdict from the routed answer's point of view: routed | frontier | tie. */
    public String label(Verdict routedShownAs) {
        return this == TIE ? "tie" : this == routedShownAs ? "routed" : "frontier";
    }
}
