package dev.tiergate.ledger.config;

import dev.tiergate.config.ConfigException;
import dev.tiergate.config.ConfigValue;
import dev.tiergate.config.Secret;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.ladder.Tier;
import dev.tiergate.ledger.shadow.ModelFamily;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code ledger:}, {@code shadow:} and {@code drift:} from the validated config's raw tree; every mistake is a
 * {@link ConfigException} naming the field, so start-up fails the same way as for the core sections.
 */
public record LedgerSections(LedgerConfig ledger, ShadowConfig shadow, DriftConfig drift) {
    private static final Set<String> LEDGER_KEYS = Set.of("enabled", "store", "path", "url", "user", "password", "schema",
            "store_prompts", "retention", "queue_capacity", "batch_size", "flush_interval", "spool", "retry_interval",
            "ratio_min_samples", "ratio_window");
    private static final Set<String> SHADOW_KEYS = Set.of("rate", "judge", "max_daily_usd", "max_concurrent", "timeout",
            "allow_same_family");
    private static final Set<String> DRIFT_KEYS = Set.of("parity_floor", "parity_window", "min_samples", "tier_mix", "mix_window");

    public static LedgerSections read(TiergateConfig config) {
        ConfigValue root = ConfigValue.of(config.raw(), "", config.source());
        return new LedgerSections(ledger(root.get("ledger")), shadow(root.get("shadow"), config), drift(root.get("drift"), config));
    }

    static LedgerConfig ledger(ConfigValue node) {
        node.onlyKeys(LEDGER_KEYS);
        LedgerConfig d = LedgerConfig.DEFAULT;
        String store = node.get("store").string("sqlite");
        LedgerConfig.Backend backend = switch (store) {
            case "sqlite" -> LedgerConfig.Backend.SQLITE;
            case "postgres", "postgresql" -> LedgerConfig.Backend.POSTGRES;
            default -> throw node.get("store").error("unknown store '" + store + "'", "use sqlite (embedded, the default) or postgres");
        };
        String url = node.get("url").string(null);
        if (backend == LedgerConfig.Backend.POSTGRES && (url == null || !url.startsWith("jdbc:postgresql:"))) {
            throw node.get("url").error(url == null ? "is required when store is postgres" : "expected a jdbc:postgresql: url",
                    "write url: jdbc:postgresql://127.0.0.1:5432/tiergate");
        }
        String path = node.get("path").string(d.path().toString());
        if (path.isBlank()) {
            throw node.get("path").error("is empty", "write path: tiergate-ledger.db");
        }
        String password = node.get("password").string("");
        return new LedgerConfig(
                node.get("enabled").bool(true),
                backend,
                Path.of(path),
                url,
                node.get("user").string(null),
                new Secret(password),
                schema(node.get("schema")),
                node.get("store_prompts").bool(false),
                node.get("retention").duration(d.retention()),
                node.get("queue_capacity").integer(d.queueCapacity(), 16, 10_000_000),
                node.get("batch_size").integer(d.batchSize(), 1, 100_000),
                positive(node.get("flush_interval"), d.flushInterval()),
                Path.of(node.get("spool").string(d.spool().toString())),
                positive(node.get("retry_interval"), d.retryInterval()),
                node.get("ratio_min_samples").integer(d.ratioMinSamples(), 1, 1_000_000),
                node.get("ratio_window").duration(d.ratioWindow()));
    }

    static ShadowConfig shadow(ConfigValue node, TiergateConfig config) {
        node.onlyKeys(SHADOW_KEYS);
        if (!node.present()) {
            return ShadowConfig.OFF;
        }
        ShadowConfig d = ShadowConfig.OFF;
        double rate = node.get("rate").number(0.02, 0, 1);
        ConfigValue judgeField = node.get("judge");
        String judge = judgeField.string(null);
        if (rate > 0 && (judge == null || judge.isBlank())) {
            throw judgeField.error("is required when shadow.rate > 0", "name a configured model of another family, e.g. judge: gemini-judge");
        }
        boolean allowSame = node.get("allow_same_family").bool(false);
        if (judge != null && !judge.isBlank()) {
            ModelEndpoint judgeModel = config.model(judge).orElseThrow(() -> judgeField.error("no model named '" + judge + "'",
                    "define it under models: (it need not be on the ladder)"));
            String family = ModelFamily.of(judgeModel);
            for (Tier tier : config.ladder().tiers()) {
                for (ModelEndpoint m : tier.models()) {
                    if (!allowSame && ModelFamily.same(family, ModelFamily.of(m))) {
                        throw judgeField.error("judge '" + judge + "' is of the same family (" + family + ") as ladder model '" + m.name() + "'",
                                "pick a judge from another vendor family (models favour their own family's answers), or set allow_same_family: true");
                    }
                }
            }
        }
        return new ShadowConfig(rate, judge == null || judge.isBlank() ? null : judge,
                node.get("max_daily_usd").number(5, 0, 1_000_000),
                node.get("max_concurrent").integer(d.maxConcurrent(), 1, 64),
                positive(node.get("timeout"), d.timeout()),
                allowSame);
    }

    static DriftConfig drift(ConfigValue node, TiergateConfig config) {
        node.onlyKeys(DRIFT_KEYS);
        DriftConfig d = DriftConfig.DEFAULT;
        ConfigValue mix = node.get("tier_mix");
        Map<String, DriftConfig.Band> bands = new LinkedHashMap<>();
        if (mix.present() && !mix.node().isObject()) {
            throw mix.error("expected a mapping of tier to [min, max]", "write tier_mix: {cheap: [0.5, 0.9]}");
        }
        for (String tier : mix.keys()) {
            ConfigValue band = mix.get(tier);
            if (config.ladder().byName(tier).isEmpty()) {
                throw band.error("no tier named '" + tier + "'", "use one of " + config.ladder().tiers().stream().map(Tier::name).toList());
            }
            if (!band.node().isArray() || band.node().size() != 2) {
                throw band.error("expected [min, max] shares between 0 and 1", "write " + tier + ": [0.5, 0.9]");
            }
            double min = band.at(0).number(0, 0, 1);
            double max = band.at(1).number(1, 0, 1);
            if (min > max) {
                throw band.error("min " + min + " is above max " + max, "write [min, max]");
            }
            bands.put(tier, new DriftConfig.Band(min, max));
        }
        return new DriftConfig(
                node.get("parity_floor").number(d.parityFloor(), 0, 1),
                node.get("parity_window").integer(d.parityWindow(), 1, 1_000_000),
                node.get("min_samples").integer(d.minSamples(), 1, 1_000_000),
                bands,
                node.get("mix_window").integer(d.mixWindow(), 1, 10_000_000));
    }

    private static String schema(ConfigValue field) {
        String schema = field.string("public");
        if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw field.error("'" + schema + "' is not a plain identifier", "use letters, digits and underscores, e.g. schema: tiergate");
        }
        return schema;
    }

    private static Duration positive(ConfigValue field, Duration fallback) {
        Duration value = field.duration(fallback);
        if (value.isZero() || value.isNegative()) {
            throw field.error("must be longer than zero", "write e.g. 50ms");
        }
        return value;
    }
}
