package dev.tiergate.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.Usage;
import dev.tiergate.config.ConfigValue;
import dev.tiergate.json.Json;
import java.io.UncheckedIOException;

/** Requests, answers and config snippets for gate tests. */
final class Answers {
    private Answers() {}

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChatRequest ask(String question) {
        ObjectNode body = Json.object().put("model", "auto");
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        return new ChatRequest(body);
    }

    static ChatRequest request(String json) {
        return new ChatRequest(json(json));
    }

    /** An answer whose first choice's message is {@code message} (JSON), e.g. with tool calls or a refusal. */
    static ChatResponse message(String message, String finishReason) {
        ObjectNode body = Json.object().put("object", "chat.completion").put("model", "m");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).set("message", json(message));
        choice.put("finish_reason", finishReason);
        return new ChatResponse(body, new Usage(10, 0, 5));
    }

    static ChatResponse text(String text) {
        ObjectNode message = Json.object().put("role", "assistant").put("content", text);
        return message(Json.text(message), "stop");
    }

    /** A text answer whose tokens carry these log-probabilities. */
    static ChatResponse withLogprobs(String text, double... logprobs) {
        ChatResponse response = text(text);
        ObjectNode choice = (ObjectNode) response.body().path("choices").path(0);
        var content = choice.putObject("logprobs").putArray("content");
        for (double lp : logprobs) {
            content.addObject().put("token", "t").put("logprob", lp);
        }
        return response;
    }

    static GateResult check(Gate gate, String answer) {
        return gate.check(new GateInput(ask("question"), text(answer), "cheap", ModelCaller.NONE));
    }

    static GateResult check(Gate gate, ChatRequest request, ChatResponse response) {
        return gate.check(new GateInput(request, response, "cheap", ModelCaller.NONE));
    }

    /** A gate's options as if written in tiergate.yaml at routes[0].gates[0]. */
    static ConfigValue options(String yamlFlow) {
        try {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yamlFlow);
            return ConfigValue.of(tree, "routes[0].gates[0]", "tiergate.yaml");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
