package dev.tiergate.ledger.report;

import dev.tiergate.ledger.store.RequestRow;
import dev.tiergate.ledger.store.ShadowRow;
import java.util.Locale;
import java.util.Optional;

/** What a report breaks its figures down by ({@code --by}). */
public enum Dimension {
    ROUTE, TIER, CATEGORY, KEY;

    public static Optional<Dimension> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown breakdown '" + text + "': use route, tier, category or key");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    String keyOf(RequestRow row) {
        return orNone(switch (this) {
            case ROUTE -> row.route();
            case TIER -> row.tier() == null ? "(failed)" : row.tier();
            case CATEGORY -> row.category();
            case KEY -> row.keyId();
        });
    }

    String keyOf(ShadowRow row) {
        return orNone(switch (this) {
            case ROUTE -> row.route();
            case TIER -> row.tier();
            case CATEGORY -> row.category();
            case KEY -> row.keyId();
        });
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }
}
