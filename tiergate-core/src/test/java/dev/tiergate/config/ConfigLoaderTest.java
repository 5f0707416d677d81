package dev.tiergate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.ladder.Tier;
import dev.tiergate.pricing.PriceCatalog;
import dev.tiergate.provider.ProviderKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final String ISSUE_EXAMPLE = """
            server: {host: 127.0.0.1, port: 4100, max_body_bytes: 10485760}
            models:
              - {name: cheap, provider: openai, model: gpt-5.4-nano, base_url: "https://api.openai.com/v1", api_key: "${OPENAI_API_KEY}"}
              - {name: frontier, provider: anthropic, model: claude-opus-4-7, api_key: "${ANTHROPIC_API_KEY}"}
              - {name: mid, provider: bedrock, model: anthropic.claude-sonnet-4-6, region: us-east-1}
            ladder: [cheap, mid, frontier]
            routes:
              - {name: auto, strategy: length, threshold: 0.5}
            """;

    private final Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test-openai", "ANTHROPIC_API_KEY", "sk-ant-test");
    private final ConfigLoader loader = new ConfigLoader(env::get, PriceCatalog.bundled());

    private ConfigException error(String yaml) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> loader.parse(yaml, "tiergate.yaml", false));
    }

    @Test
    void readsTheDocumentedShapeWithPricesFromTheCatalog() {
        TiergateConfig config = loader.parse(ISSUE_EXAMPLE, "tiergate.yaml", false);

        assertThat(config.server().port()).isEqualTo(4100);
        assertThat(config.ladder().tiers()).extracting(Tier::name).containsExactly("cheap", "mid", "frontier");
        assertThat(config.model("cheap").orElseThrow().apiKey().value()).isEqualTo("sk-test-openai");
        assertThat(config.model("mid").orElseThrow().provider()).isEqualTo(ProviderKind.BEDROCK);
        assertThat(config.model("frontier").orElseThrow().price().inputPerMillion()).isEqualTo(5.0);
        assertThat(config.model("frontier").orElseThrow().baseUrl().toString()).isEqualTo("https://api.anthropic.com");
        assertThat(config.route("auto").orElseThrow().threshold()).isEqualTo(0.5);
    }

    @Test
    void secretsNeverPrintThemselves() {
        TiergateConfig config = loader.parse(ISSUE_EXAMPLE, "tiergate.yaml", false);
        assertThat(config.toString()).doesNotContain("sk-test-openai").doesNotContain("sk-ant-test");
    }

    @Test
    void priceOverrideAndDefaultsApplyPerModel() {
        TiergateConfig config = loader.parse("""
                defaults: {timeouts: {connect: 2s, first_token: 1500ms, total: 1m}, retry: {max_retries: 4}}
                models:
                  - {name: local, provider: openai, model: llama3.2, base_url: "http://127.0.0.1:11434/v1", price: {input: 0, output: 0}}
                  - name: big
                    provider: openai
                    model: gpt-5.4
                    api_key: x
                    timeouts: {total: 10s}
                ladder: [local, big]
                """, "t.yaml", false);

        var local = config.model("local").orElseThrow();
        assertThat(local.price().cost(new dev.tiergate.chat.Usage(1000, 0, 1000))).isZero();
        assertThat(local.timeouts().firstToken()).isEqualTo(Duration.ofMillis(1500));
        assertThat(local.retry().maxRetries()).isEqualTo(4);
        assertThat(config.model("big").orElseThrow().timeouts().total()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.model("big").orElseThrow().timeouts().connect()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aTierMayHoldSeveralModels() {
        TiergateConfig config = loader.parse("""
                models:
                  - {name: a, provider: openai, model: gpt-5.4-nano, api_key: k}
                  - {name: b, provider: openai, model: gpt-5.4-nano, api_key: k, base_url: "https://other.example/v1"}
                  - {name: top, provider: openai, model: gpt-5.4, api_key: k}
                ladder:
                  - {tier: cheap, models: [a, b], balance: round_robin}
                  - top
                """, "t.yaml", false);

        assertThat(config.ladder().tier(0).models()).hasSize(2);
        assertThat(config.ladder().tier(0).balance()).isEqualTo(Tier.Balance.ROUND_ROBIN);
        assertThat(config.ladder().tier(1).name()).isEqualTo("top");
    }

    @Test
    void unknownKeyNamesFileFieldAndSuggestsTheFix() {
        ConfigException e = error(ISSUE_EXAMPLE.replace("max_body_bytes", "max_body_byte"));
        assertThat(e.file()).isEqualTo("tiergate.yaml");
        assertThat(e.field()).isEqualTo("server.max_body_byte");
        assertThat(e.getMessage()).contains("did you mean 'max_body_bytes'");
    }

    @Test
    void missingEnvironmentVariableIsAnErrorNamingIt() {
        ConfigLoader noEnv = new ConfigLoader(name -> null, PriceCatalog.bundled());
        assertThatThrownBy(() -> noEnv.parse(ISSUE_EXAMPLE, "tiergate.yaml", false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models[0].api_key")
                .hasMessageContaining("OPENAI_API_KEY is not set");
    }

    @Test
    void envDefaultsAreUsedWhenTheVariableIsUnset() {
        ConfigLoader noEnv = new ConfigLoader(name -> null, PriceCatalog.bundled());
        TiergateConfig config = noEnv.parse("""
                server: {port: "${PORT:-4321}"}
                models: [{name: m, provider: openai, model: gpt-5.4, api_key: "${KEY:-dummy}"}]
                ladder: [m]
                """, "t.yaml", false);
        assertThat(config.server().port()).isEqualTo(4321);
    }

    @Test
    void unknownProviderListsTheValidOnes() {
        ConfigException e = error(ISSUE_EXAMPLE.replace("provider: anthropic", "provider: antrhopic"));
        assertThat(e.field()).isEqualTo("models[1].provider");
        assertThat(e.getMessage()).contains("unknown provider 'antrhopic'").contains("openai, anthropic, bedrock");
    }

    @Test
    void unknownModelWithoutPriceAsksForAPrice() {
        ConfigException e = error(ISSUE_EXAMPLE.replace("gpt-5.4-nano", "gpt-9-ultra"));
        assertThat(e.field()).isEqualTo("models[0].model");
        assertThat(e.getMessage()).contains("gpt-9-ultra").contains("price:");
    }

    @Test
    void emptyLadderAndUnknownLadderEntriesAreRejected() {
        assertThat(error(ISSUE_EXAMPLE.replace("ladder: [cheap, mid, frontier]", "ladder: []")).getMessage())
                .contains("ladder").contains("empty");
        ConfigException unknown = error(ISSUE_EXAMPLE.replace("ladder: [cheap, mid, frontier]", "ladder: [cheap, huge]"));
        assertThat(unknown.field()).isEqualTo("ladder[1]");
        assertThat(unknown.getMessage()).contains("no model named 'huge'");
    }

    @Test
    void unknownStrategyAndBadNumbersAreRejected() {
        assertThat(error(ISSUE_EXAMPLE.replace("strategy: length", "strategy: magic")).field()).isEqualTo("routes[0].strategy");
        assertThat(error(ISSUE_EXAMPLE.replace("port: 4100", "port: 99999")).field()).isEqualTo("server.port");
        assertThat(error(ISSUE_EXAMPLE.replace("port: 4100", "port: abc")).getMessage()).contains("expected a whole number");
    }

    @Test
    void invalidYamlReportsTheLine() {
        assertThat(error("models: [\n  {name: a\n").getMessage()).contains("not valid YAML");
    }

    @Test
    void bundledDefaultStartsWithoutKeysAndSaysWhichAreNeeded() {
        ConfigLoader noEnv = new ConfigLoader(name -> null, PriceCatalog.bundled());
        TiergateConfig config = noEnv.bundledDefault();
        assertThat(config.bundledDefault()).isTrue();
        assertThat(config.missingEnv()).containsExactlyInAnyOrder("OPENAI_API_KEY", "ANTHROPIC_API_KEY");
        assertThat(config.model("cheap").orElseThrow().isConfigured()).isFalse();
    }

    @Test
    void authKeysComeFromConfigAndTheMasterKeyVariable() {
        ConfigLoader withMaster = new ConfigLoader(Map.of("TIERGATE_MASTER_KEY", "master-secret", "TEAM", "team-secret")::get,
                PriceCatalog.bundled());
        TiergateConfig config = withMaster.parse("""
                auth: {keys: [{id: team-a, key: "${TEAM}"}]}
                models: [{name: m, provider: openai, model: gpt-5.4, api_key: x}]
                ladder: [m]
                """, "t.yaml", false);
        assertThat(config.auth().authenticate("team-secret")).contains("team-a");
        assertThat(config.auth().authenticate("master-secret")).contains("master");
        assertThat(config.auth().authenticate("team-secreT")).isEmpty();
    }
}
