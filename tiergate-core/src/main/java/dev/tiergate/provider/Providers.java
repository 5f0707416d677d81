package dev.tiergate.provider;

import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.provider.anthropic.AnthropicProvider;
import dev.tiergate.provider.bedrock.BedrockProvider;
import dev.tiergate.provider.openai.OpenAiProvider;

/** Creates the provider that speaks an endpoint's wire protocol. Each provider owns its connections: close it. */
public final class Providers {
    private Providers() {}

    public static Provider create(ModelEndpoint endpoint) {
        return switch (endpoint.provider()) {
            case OPENAI -> new OpenAiProvider(endpoint);
            case ANTHROPIC -> new AnthropicProvider(endpoint);
            case BEDROCK -> new BedrockProvider(endpoint);
        };
    }
}
