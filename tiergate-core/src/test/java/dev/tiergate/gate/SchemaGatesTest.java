package dev.tiergate.gate;

import static dev.tiergate.gate.Answers.check;
import static dev.tiergate.gate.Answers.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import org.junit.jupiter.api.Test;

/** The gates that validate against JSON Schemas: json_schema and tool_call. */
class SchemaGatesTest {
    private static final ChatRequest STRUCTURED = Answers.request("""
            {"model": "auto", "messages": [{"role": "user", "content": "capital of France?"}],
             "response_format": {"type": "json_schema", "json_schema": {"name": "city", "strict": true, "schema":
               {"type": "object", "properties": {"city": {"type": "string"}, "population": {"type": "integer"}},
                "required": ["city", "population"], "additionalProperties": false}}}}
            """);

    private static final ChatRequest WITH_TOOLS = Answers.request("""
            {"model": "auto", "messages": [{"role": "user", "content": "weather in Paris?"}],
             "tools": [{"type": "function", "function": {"name": "get_weather", "parameters":
               {"type": "object", "properties": {"city": {"type": "string"}, "unit": {"enum": ["c", "f"]}},
                "required": ["city"]}}}]}
            """);

    private static ChatResponse call(String name, String arguments) {
        return Answers.message("""
                {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                  "function": {"name": "%s", "arguments": %s}}]}
                """.formatted(name, dev.tiergate.json.Json.text(com.fasterxml.jackson.databind.node.TextNode.valueOf(arguments))), "tool_calls");
    }

    @Test
    void jsonSchemaUsesTheRequestsResponseFormat() {
        JsonSchemaGate gate = JsonSchemaGate.read(options("{type: json_schema}"));

        GateResult ok = check(gate, STRUCTURED, Answers.text("{\"city\": \"Paris\", \"population\": 2100000}"));
        assertThat(ok.passed()).isTrue();
        assertThat(ok.reason()).isEqualTo("valid against the request's schema");

        GateResult wrong = check(gate, STRUCTURED, Answers.text("{\"city\": \"Paris\", \"population\": \"many\"}"));
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.reason()).startsWith("does not match the schema: ").contains("population");

        assertThat(check(gate, STRUCTURED, Answers.text("Paris")).reason()).startsWith("the answer is not valid JSON");
    }

    @Test
    void jsonSchemaUsesAConfiguredSchemaFirst() {
        JsonSchemaGate gate = JsonSchemaGate.read(options("{type: json_schema, schema: {type: object, required: [answer]}}"));

        assertThat(check(gate, "{\"answer\": 1}").reason()).isEqualTo("valid against the configured schema");
        assertThat(check(gate, "{\"other\": 1}").passed()).isFalse();
    }

    @Test
    void jsonSchemaWithNothingToCheckPasses() {
        assertThat(check(JsonSchemaGate.read(options("{type: json_schema}")), "free text").reason()).startsWith("no schema to check");
    }

    @Test
    void anInvalidConfiguredSchemaStopsStartUp() {
        assertThatThrownBy(() -> JsonSchemaGate.read(options("{type: json_schema, schema: {type: 12}}")))
                .hasMessageContaining("routes[0].gates[0].schema: not a valid JSON Schema");
        assertThatThrownBy(() -> JsonSchemaGate.read(options("{type: json_schema, schema: [1]}")))
                .hasMessageContaining("expected a JSON Schema mapping");
    }

    @Test
    void aReferenceOutsideTheSchemaIsNeverLoaded() {
        ChatRequest request = Answers.request("""
                {"model": "auto", "messages": [{"role": "user", "content": "x"}], "response_format": {"type": "json_schema",
                 "json_schema": {"name": "x", "schema": {"$ref": "http://127.0.0.1:9/schema.json"}}}}
                """);
        GateResult result = check(JsonSchemaGate.read(options("{type: json_schema}")), request, Answers.text("{}"));
        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).contains("is not allowed to be loaded");
    }

    @Test
    void toolCallPassesValidArguments() {
        GateResult result = check(new ToolCallGate(false), WITH_TOOLS, call("get_weather", "{\"city\": \"Paris\", \"unit\": \"c\"}"));
        assertThat(result.passed()).isTrue();
        assertThat(result.reason()).isEqualTo("1 tool call(s) with valid arguments");
    }

    @Test
    void toolCallFailsInventedToolsBrokenJsonAndSchemaViolations() {
        ToolCallGate gate = ToolCallGate.read(options("{type: tool_call}"));

        assertThat(check(gate, WITH_TOOLS, call("get_forecast", "{}")).reason()).startsWith("calls undeclared tool 'get_forecast'");
        assertThat(check(gate, WITH_TOOLS, call("get_weather", "{\"city\": \"Par")).reason())
                .startsWith("arguments of 'get_weather' are not valid JSON");
        assertThat(check(gate, WITH_TOOLS, call("get_weather", "[\"Paris\"]")).reason()).isEqualTo("arguments of 'get_weather' are not a JSON object");
        GateResult violation = check(gate, WITH_TOOLS, call("get_weather", "{\"unit\": \"kelvin\"}"));
        assertThat(violation.passed()).isFalse();
        assertThat(violation.reason()).startsWith("arguments of 'get_weather' do not match its parameters: ").contains("city");
    }

    @Test
    void toolCallRequiredFailsAnAnswerWithoutCalls() {
        assertThat(check(new ToolCallGate(false), WITH_TOOLS, Answers.text("It is sunny.")).reason()).isEqualTo("no tool calls");
        assertThat(check(ToolCallGate.read(options("{type: tool_call, required: true}")), WITH_TOOLS, Answers.text("It is sunny.")).reason())
                .isEqualTo("the request declares tools but the answer calls none");
    }
}
