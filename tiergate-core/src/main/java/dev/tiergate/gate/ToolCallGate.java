package dev.tiergate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tiergate.config.ConfigValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tool_call}: every tool call in the answer names a tool the request declared, and its arguments are a JSON
 * object valid against that tool's {@code parameters} schema. Cheap models are the ones that invent tools and
 * mangle arguments; a broken call costs the client a round trip, so it is worth an escalation. With
 * {@code required: true}, an answer to a request with tools that calls none fails too.
 */
public final class ToolCallGate implements Gate {
    public static final String TYPE = "tool_call";

    private final JsonSchemas schemas = new JsonSchemas();
    private final boolean required;

    public ToolCallGate(boolean required) {
        this.required = required;
    }

    static ToolCallGate read(ConfigValue options) {
        options.onlyKeys(Set.of("type", "tiers", "required"));
        return new ToolCallGate(options.get("required").bool(false));
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public GateResult check(GateInput input) {
        Optional<ArrayNode> calls = input.response().toolCalls();
        if (calls.isEmpty()) {
            return required && input.request().tools().isPresent()
                    ? GateResult.fail(TYPE, "the request declares tools but the answer calls none")
                    : GateResult.pass(TYPE, "no tool calls");
        }
        Map<String, JsonNode> declared = declaredTools(input);
        for (JsonNode call : calls.get()) {
            String name = call.path("function").path("name").asText("");
            if (!declared.containsKey(name)) {
                return GateResult.fail(TYPE, "calls undeclared tool '" + name + "'; declared: " + declared.keySet());
            }
            JsonNode arguments;
            try {
                arguments = AnswerJson.parse(call.path("function").path("arguments").asText(""));
            } catch (AnswerJson.NotJson e) {
                return GateResult.fail(TYPE, "arguments of '" + name + "' are not valid JSON: " + e.getMessage());
            }
            if (!arguments.isObject()) {
                return GateResult.fail(TYPE, "arguments of '" + name + "' are not a JSON object");
            }
            JsonNode parameters = declared.get(name);
            if (parameters != null && parameters.isObject()) {
                Optional<String> problem = schemas.check(parameters, arguments);
                if (problem.isPresent()) {
                    return GateResult.fail(TYPE, "arguments of '" + name + "' do not match its parameters: " + problem.get());
                }
            }
        }
        return GateResult.pass(TYPE, calls.get().size() + " tool call(s) with valid arguments");
    }

    /** Tool name → its parameters schema (null when the tool declares none: any object is accepted). */
    private static Map<String, JsonNode> declaredTools(GateInput input) {
        Map<String, JsonNode> tools = new HashMap<>();
        input.request().tools().ifPresent(array -> array.forEach(tool -> {
            JsonNode function = tool.path("function");
            tools.put(function.path("name").asText(""), function.get("parameters"));
        }));
        return tools;
    }
}
