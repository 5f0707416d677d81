package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.pricing.Price;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceOverlayTest {
    @TempDir
    Path dir;

    @Test
    void readsYamlOrJsonAndMatchesByConfigNameThenUpstreamId() throws Exception {
        Path yaml = Files.writeString(dir.resolve("p.yaml"), "cheap: {input: 0.1, output: 0.4}\nclaude-opus-4-7: {input: 15, output: 75, cached_input: 1.5}\n");
        Path json = Files.writeString(dir.resolve("p.json"), "{\"cheap\": {\"input\": 0.1, \"output\": 0.4}}");

        PriceOverlay overlay = PriceOverlay.read(yaml);

        assertThat(overlay.find("cheap", "gpt-5.4-nano")).hasValue(new Price(0.1, 0.4, 0.1));
        assertThat(overlay.find("frontier", "claude-opus-4-7")).hasValue(new Price(15, 75, 1.5));
        assertThat(overlay.find("mid", "claude-haiku-4-5")).isEmpty();
        assertThat(PriceOverlay.read(json).prices()).isEqualTo(java.util.Map.of("cheap", new Price(0.1, 0.4, 0.1)));
    }

    @Test
    void repricesTheRecordedTokensAndLeavesOtherModelsAtTheirMeasuredCost() throws Exception {
        Pricing pricing = new Pricing(PriceOverlay.read(Files.writeString(dir.resolve("p.yaml"), "cheap: {input: 2, output: 8}")));
        ModelCall cheap = new ModelCall("cheap", "gpt-5.4-nano", "cheap", 1_000, 0, 500, 0.5, "ok", null);
        ModelCall mid = new ModelCall("mid", "claude-haiku-4-5", "mid", 1_000, 0, 500, 0.25, "ok", null);

        assertThat(pricing.cost(cheap)).isEqualTo((1_000 * 2 + 500 * 8) / 1e6);
        assertThat(pricing.cost(mid)).isEqualTo(0.25);
        assertThat(pricing.cost(List.of(cheap, mid))).isEqualTo((1_000 * 2 + 500 * 8) / 1e6 + 0.25);
    }

    @Test
    void mistakesAreNamed() throws Exception {
        assertThatThrownBy(() -> PriceOverlay.read(Files.writeString(dir.resolve("a.yaml"), "cheap: {input: 1}")))
                .isInstanceOf(EvalException.class).hasMessageContaining("cheap: output is required");
        assertThatThrownBy(() -> PriceOverlay.read(Files.writeString(dir.resolve("b.yaml"), "cheap: {input: 1, output: 2, cache: 1}")))
                .hasMessageContaining("unknown key 'cache'");
        assertThatThrownBy(() -> PriceOverlay.read(Files.writeString(dir.resolve("c.yaml"), "cheap: {input: -1, output: 2}")))
                .hasMessageContaining("input must be a number of USD per 1M tokens, at least 0");
        assertThatThrownBy(() -> PriceOverlay.read(dir.resolve("missing.yaml"))).hasMessageContaining("cannot read the price overlay");
    }
}
