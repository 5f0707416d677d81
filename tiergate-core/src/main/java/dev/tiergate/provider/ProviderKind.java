package dev.tiergate.provider;

import java.util.Arrays;
import java.util.Optional;

/** The wire protocols Tiergate speaks upstream. */
public enum ProviderKind {
    /** Any OpenAI-compatible chat-completions server: OpenAI, vLLM, Ollama, llama.cpp, Together, Groq... */
    OPENAI("openai"),
    /** Anthropic's Messages API. */
    ANTHROPIC("anthropic"),
    /** AWS Bedrock Converse / ConverseStream. */
    BEDROCK("bedrock");

    private final String configName;

    ProviderKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<ProviderKind> fromConfig(String name) {
        return Arrays.stream(values()).filter(k -> k.configName.equals(name)).findFirst();
    }
}
