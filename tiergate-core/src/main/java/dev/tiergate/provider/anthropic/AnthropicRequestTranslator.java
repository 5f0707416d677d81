package dev.tiergate.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.MessageContent;
import dev.tiergate.json.Json;
import dev.tiergate.provider.support.DataUrl;
import dev.tiergate.provider.support.ResponseFormats;
import java.util.List;
import java.util.Optional;

/**
 * Translates an OpenAI chat request into an Anthropic Messages request.
 *
 * <p>{@code response_format: json_schema} becomes a forced tool whose input schema is the requested schema: the
 * model must then answer with schema-shaped JSON, which {@link AnthropicResponses} turns back into plain text
 * content. That is stricter than a prompt instruction, but it needs {@code tool_choice} for itself, so when the
 * client sends its own tools (or asks for {@code json_object}) an instruction in the system prompt is used instead.
 */
final class AnthropicRequestTranslator {
    /** The synthetic tool that carries a structured-output answer; its input is the answer. */
    static final String JSON_TOOL = "json_response";
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** The Anthropic body, and whether its answer arrives through {@link #JSON_TOOL}. */
    record Translation(ObjectNode body, boolean jsonViaTool) {}

    private AnthropicRequestTranslator() {}

    static Translation translate(ChatRequest request, String model, boolean stream) {
        ObjectNode body = Json.object().put("model", model);
        body.put("max_tokens", request.maxTokens().orElse(DEFAULT_MAX_TOKENS));
        Optional<JsonNode> schema = request.responseFormat()
                .filter(format -> "json_schema".equals(format.path("type").asText()))
                .flatMap(ResponseFormats::schema);
        boolean jsonViaTool = schema.isPresent() && request.tools().isEmpty();

        ArrayNode system = systemBlocks(request);
        if (!jsonViaTool) {
            request.responseFormat().flatMap(ResponseFormats::instruction)
                    .ifPresent(text -> system.addObject().put("type", "text").put("text", text));
        }
        if (!system.isEmpty()) {
            body.set("system", system);
        }
        body.set("messages", messages(request));

        if (jsonViaTool) {
            ObjectNode tool = body.putArray("tools").addObject()
                    .put("name", JSON_TOOL)
                    .put("description", "Give the answer as JSON matching this schema.");
            tool.set("input_schema", schema.get());
            body.putObject("tool_choice").put("type", "tool").put("name", JSON_TOOL);
        } else {
            request.tools().ifPresent(tools -> {
                body.set("tools", tools(tools));
                toolChoice(request.body()).ifPresent(choice -> body.set("tool_choice", choice));
            });
        }
        copySampling(request, body);
        if (stream) {
            body.put("stream", true);
        }
        return new Translation(body, jsonViaTool);
    }

    private static void copySampling(ChatRequest request, ObjectNode body) {
        JsonNode source = request.body();
        if (source.path("temperature").isNumber()) {
            // OpenAI allows up to 2, Anthropic up to 1: the top of one range maps to the top of the other
            body.put("temperature", Math.max(0, Math.min(1, source.get("temperature").asDouble())));
        }
        if (source.path("top_p").isNumber()) {
            body.put("top_p", source.get("top_p").asDouble());
        }
        List<String> stop = request.stop().stream().filter(s -> !s.isEmpty()).toList();
        if (!stop.isEmpty()) {
            ArrayNode sequences = body.putArray("stop_sequences");
            stop.forEach(sequences::add);
        }
        if (source.path("user").isTextual()) {
            body.putObject("metadata").put("user_id", source.get("user").asText());
        }
    }

    /** System and developer messages, in order, as text blocks (so per-part cache_control survives). */
    private static ArrayNode systemBlocks(ChatRequest request) {
        ArrayNode blocks = Json.array();
        for (JsonNode message : request.messages()) {
            String role = message.path("role").asText();
            if (role.equals("system") || role.equals("developer")) {
                textBlocks(message.get("content"), blocks);
            }
        }
        return blocks;
    }

    private static ArrayNode messages(ChatRequest request) {
        ArrayNode messages = Json.array();
        for (JsonNode message : request.messages()) {
            ArrayNode blocks = Json.array();
            String role = switch (message.path("role").asText()) {
                case "user" -> {
                    userBlocks(message.get("content"), blocks);
                    yield "user";
                }
                case "assistant" -> {
                    assistantBlocks(message, blocks);
                    yield "assistant";
                }
                case "tool" -> {
                    blocks.add(toolResult(message));
                    // Anthropic carries tool results in a user turn
                    yield "user";
                }
                default -> null;
            };
            if (role != null && !blocks.isEmpty()) {
                append(messages, role, blocks);
            }
        }
        return messages;
    }

    /** Consecutive messages of one role become one turn: that merges parallel tool results into one user message. */
    private static void append(ArrayNode messages, String role, ArrayNode blocks) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
        } else {
            messages.addObject().put("role", role).set("content", blocks);
        }
    }

    private static void textBlocks(JsonNode content, ArrayNode blocks) {
        if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())) {
                    addText(blocks, part.path("text").asText(), part.get("cache_control"));
                }
            }
        } else {
            addText(blocks, MessageContent.text(content), null);
        }
    }

    /** Anthropic rejects empty text blocks, so they are left out. */
    private static void addText(ArrayNode blocks, String text, JsonNode cacheControl) {
        if (!text.isEmpty()) {
            ObjectNode block = blocks.addObject().put("type", "text").put("text", text);
            if (cacheControl != null && cacheControl.isObject()) {
                block.set("cache_control", cacheControl);
            }
        }
    }

    private static void userBlocks(JsonNode content, ArrayNode blocks) {
        if (content == null || !content.isArray()) {
            addText(blocks, MessageContent.text(content), null);
            return;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> addText(blocks, part.path("text").asText(), part.get("cache_control"));
                case "image_url" -> blocks.add(image(part.path("image_url")));
                case "file" -> DataUrl.parse(part.path("file").path("file_data").asText(null))
                        .ifPresent(file -> blocks.addObject().put("type", "document").set("source", base64Source(file)));
                default -> {
                    // audio and unknown parts have no Anthropic equivalent
                }
            }
        }
    }

    private static ObjectNode image(JsonNode imageUrl) {
        String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText();
        ObjectNode block = Json.object().put("type", "image");
        block.set("source", DataUrl.parse(url).map(AnthropicRequestTranslator::base64Source)
                .orElseGet(() -> Json.object().put("type", "url").put("url", url)));
        return block;
    }

    private static ObjectNode base64Source(DataUrl data) {
        return Json.object().put("type", "base64").put("media_type", data.mediaType()).put("data", data.base64());
    }

    private static void assistantBlocks(JsonNode message, ArrayNode blocks) {
        addText(blocks, MessageContent.text(message.get("content")), null);
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode block = blocks.addObject()
                    .put("type", "tool_use")
                    .put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText());
            block.set("input", toolInput(call.path("function").path("arguments").asText("")));
        }
    }

    /** Anthropic wants the input as an object; arguments a model garbled cannot be recovered, so they become {}. */
    private static JsonNode toolInput(String arguments) {
        try {
            JsonNode parsed = Json.parse(arguments);
            return parsed.isObject() ? parsed : Json.object();
        } catch (Exception e) {
            return Json.object();
        }
    }

    private static ObjectNode toolResult(JsonNode message) {
        ObjectNode block = Json.object()
                .put("type", "tool_result")
                .put("tool_use_id", message.path("tool_call_id").asText());
        String text = MessageContent.text(message.get("content"));
        if (!text.isEmpty()) {
            block.put("content", text);
        }
        return block;
    }

    private static ArrayNode tools(ArrayNode tools) {
        ArrayNode result = Json.array();
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            if (!function.isObject()) {
                continue;
            }
            ObjectNode converted = result.addObject().put("name", function.path("name").asText());
            if (function.hasNonNull("description")) {
                converted.put("description", function.get("description").asText());
            }
            JsonNode parameters = function.get("parameters");
            converted.set("input_schema", parameters != null && parameters.isObject()
                    ? parameters : Json.object().put("type", "object"));
        }
        return result;
    }

    private static Optional<ObjectNode> toolChoice(JsonNode request) {
        JsonNode choice = request.get("tool_choice");
        ObjectNode result = null;
        if (choice != null && choice.isTextual()) {
            result = switch (choice.asText()) {
                case "none" -> Json.object().put("type", "none");
                case "required" -> Json.object().put("type", "any");
                default -> Json.object().put("type", "auto");
            };
        } else if (choice != null && choice.isObject()) {
            result = Json.object().put("type", "tool").put("name", choice.path("function").path("name").asText());
        }
        if (request.path("parallel_tool_calls").isBoolean() && !request.get("parallel_tool_calls").asBoolean()) {
            if (result == null) {
                result = Json.object().put("type", "auto");
            }
            if (!"none".equals(result.path("type").asText())) {
                result.put("disable_parallel_tool_use", true);
            }
        }
        return Optional.ofNullable(result);
    }
}
