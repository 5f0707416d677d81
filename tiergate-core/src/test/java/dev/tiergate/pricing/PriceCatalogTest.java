package dev.tiergate.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tiergate.chat.Usage;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {
    private final PriceCatalog catalog = PriceCatalog.bundled();

    @Test
    void coversTheCurrentModelFamilies() {
        assertThat(catalog.lookup("claude-haiku-4-5")).isPresent();
        assertThat(catalog.lookup("claude-sonnet-4-6")).isPresent();
        assertThat(catalog.lookup("claude-opus-4-7")).isPresent();
        assertThat(catalog.lookup("gpt-5.4")).isPresent();
        assertThat(catalog.lookup("gpt-5.4-mini")).isPresent();
        assertThat(catalog.lookup("gpt-5.4-nano")).isPresent();
        assertThat(catalog.lookup("gemini-2.5-flash")).isPresent();
        assertThat(catalog.lookup("gemini-2.5-pro")).isPresent();
        assertThat(catalog.lookup("amazon.nova-lite")).isPresent();
        assertThat(catalog.lookup("meta.llama3-3-70b-instruct")).isPresent();
    }

    @Test
    void matchesBedrockIdsWithRegionPrefixAndVersionSuffix() {
        assertThat(catalog.lookup("us.anthropic.claude-sonnet-4-6")).isEqualTo(catalog.lookup("claude-sonnet-4-6").map(p -> p));
        assertThat(catalog.lookup("amazon.nova-pro-v1:0")).isPresent();
        assertThat(catalog.lookup("claude-haiku-4-5-20251001")).isPresent();
        assertThat(catalog.lookup("no-such-model")).isEmpty();
    }

    @Test
    void costChargesCachedInputAtItsOwnRate() {
        Price sonnet = catalog.lookup("claude-sonnet-4-6").orElseThrow();
        // 1M input of which 400k cached, 100k output: 600k*3 + 400k*0.30 + 100k*15 per million
        double cost = sonnet.cost(new Usage(1_000_000, 400_000, 100_000));
        assertThat(cost).isCloseTo(1.8 + 0.12 + 1.5, within(1e-9));
    }
}
