package dev.tiergate.ledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tiergate.config.ConfigException;
import dev.tiergate.ledger.LedgerTestKit;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LedgerSectionsTest {
    private static LedgerSections read(String yaml) {
        return LedgerSections.read(LedgerTestKit.config(yaml));
    }

    @Test
    void withoutSectionsTheLedgerIsSqliteInTheWorkingDirectoryAndShadowIsOff() {
        LedgerSections sections = read("");

        assertThat(sections.ledger()).isEqualTo(LedgerConfig.DEFAULT);
        assertThat(sections.ledger().path()).isEqualTo(Path.of("tiergate-ledger.db"));
        assertThat(sections.ledger().storePrompts()).isFalse();
        assertThat(sections.shadow().enabled()).isFalse();
        assertThat(sections.drift()).isEqualTo(DriftConfig.DEFAULT);
    }

    @Test
    void readsEverySetting() {
        LedgerSections sections = read("""
                ledger: {store: postgres, url: "jdbc:postgresql://db:5432/tg", user: tg, password: pw, schema: tiergate,
                         store_prompts: true, retention: 90d, batch_size: 500, flush_interval: 10ms, spool: /var/tg.spool}
                shadow: {rate: 0.05, judge: judge, max_daily_usd: 2.5, max_concurrent: 3, timeout: 30s}
                drift: {parity_floor: 0.85, parity_window: 50, min_samples: 10, tier_mix: {cheap: [0.5, 0.9]}, mix_window: 500}
                """);

        LedgerConfig ledger = sections.ledger();
        assertThat(ledger.backend()).isEqualTo(LedgerConfig.Backend.POSTGRES);
        assertThat(ledger.url()).isEqualTo("jdbc:postgresql://db:5432/tg");
        assertThat(ledger.password().value()).isEqualTo("pw");
        assertThat(ledger.toString()).doesNotContain("pw");
        assertThat(ledger.schema()).isEqualTo("tiergate");
        assertThat(ledger.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(ledger.flushInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(sections.shadow()).isEqualTo(new ShadowConfig(0.05, "judge", 2.5, 3, Duration.ofSeconds(30), false));
        assertThat(sections.drift().tierBands()).containsEntry("cheap", new DriftConfig.Band(0.5, 0.9));
        assertThat(sections.drift().parityFloor()).isEqualTo(0.85);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ledger: {store: mysql}                                  | ledger.store    | unknown store",
            "ledger: {store: postgres}                               | ledger.url      | is required",
            "ledger: {flush_interval: 0ms}                           | ledger.flush_interval | longer than zero",
            "ledger: {batch_size: lots}                              | ledger.batch_size | whole number",
            "ledger: {store_promts: true}                            | ledger.store_promts | unknown key",
            "shadow: {rate: 0.1}                                     | shadow.judge    | is required",
            "shadow: {rate: 0.1, judge: nobody}                      | shadow.judge    | no model named",
            "shadow: {rate: 0.1, judge: frontier}                    | shadow.judge    | same family",
            "shadow: {rate: 2, judge: judge}                         | shadow.rate     | out of range",
            "drift: {tier_mix: {top: [0, 1]}}                        | drift.tier_mix.top | no tier named",
            "drift: {tier_mix: {cheap: [0.9, 0.5]}}                  | drift.tier_mix.cheap | above max"})
    void aMistakeNamesTheField(String yaml, String field, String problem) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> read(yaml + "\n"));

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(problem).contains("test.yaml");
    }

    @Test
    void aSameFamilyJudgeCanBeAllowedExplicitly() {
        assertThat(read("shadow: {rate: 0.1, judge: frontier, allow_same_family: true}\n").shadow().enabled()).isTrue();
    }
}
