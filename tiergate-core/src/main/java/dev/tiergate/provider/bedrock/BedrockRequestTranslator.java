package dev.tiergate.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.MessageContent;
import dev.tiergate.json.Json;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.support.DataUrl;
import dev.tiergate.provider.support.ResponseFormats;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * Translates an OpenAI chat request into Converse / ConverseStream input. Fields Converse has no place for are
 * dropped. {@code response_format} becomes a system-prompt instruction: Converse's forced tool choice and native
 * structured output exist only for some of the model families Bedrock hosts, an instruction works with all.
 * {@code tool_choice: "none"} has no Converse equivalent either; the tools are still sent (Converse requires them
 * when the history holds tool calls) and the choice is left to the model.
 */
final class BedrockRequestTranslator {

    /** The parts Converse and ConverseStream share. */
    record Converse(List<SystemContentBlock> system, List<Message> messages, Optional<InferenceConfiguration> inference,
            Optional<ToolConfiguration> tools) {

        ConverseRequest converse(String modelId) {
            ConverseRequest.Builder builder = ConverseRequest.builder().modelId(modelId).messages(messages);
            if (!system.isEmpty()) {
                builder.system(system);
            }
            inference.ifPresent(builder::inferenceConfig);
            tools.ifPresent(builder::toolConfig);
            return builder.build();
        }

        ConverseStreamRequest converseStream(String modelId) {
            ConverseStreamRequest.Builder builder = ConverseStreamRequest.builder().modelId(modelId).messages(messages);
            if (!system.isEmpty()) {
                builder.system(system);
            }
            inference.ifPresent(builder::inferenceConfig);
            tools.ifPresent(builder::toolConfig);
            return builder.build();
        }
    }

    /** A turn under construction: consecutive OpenAI messages of one role merge into one Converse message. */
    private record Turn(ConversationRole role, List<ContentBlock> content) {}

    private BedrockRequestTranslator() {}

    static Converse translate(ChatRequest request) throws ProviderException {
        List<SystemContentBlock> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (JsonNode message : request.messages()) {
            switch (message.path("role").asText()) {
                case "system", "developer" -> {
                    String text = MessageContent.text(message.get("content"));
                    if (!text.isBlank()) {
                        system.add(SystemContentBlock.fromText(text));
                    }
                }
                case "user" -> append(turns, ConversationRole.USER, userContent(message.get("content")));
                case "assistant" -> append(turns, ConversationRole.ASSISTANT, assistantContent(message));
                case "tool" -> append(turns, ConversationRole.USER, List.of(toolResult(message)));
                default -> {
                    // legacy "function" messages have no Converse equivalent
                }
            }
        }
        request.responseFormat().flatMap(ResponseFormats::instruction)
                .ifPresent(text -> system.add(SystemContentBlock.fromText(text)));
        List<Message> messages = turns.stream()
                .map(turn -> Message.builder().role(turn.role()).content(turn.content()).build())
                .toList();
        return new Converse(system, messages, inference(request), tools(request));
    }

    private static void append(List<Turn> turns, ConversationRole role, List<ContentBlock> content) {
        if (content.isEmpty()) {
            return;
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role() == role) {
            last.content().addAll(content);
        } else {
            turns.add(new Turn(role, new ArrayList<>(content)));
        }
    }

    private static List<ContentBlock> userContent(JsonNode content) throws ProviderException {
        List<ContentBlock> blocks = new ArrayList<>();
        if (content == null || !content.isArray()) {
            addText(blocks, MessageContent.text(content));
            return blocks;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> addText(blocks, part.path("text").asText());
                case "image_url" -> blocks.add(image(part.path("image_url")));
                default -> {
                    // audio, files and unknown parts are not translated
                }
            }
        }
        return blocks;
    }

    /** Converse rejects blank text blocks. */
    private static void addText(List<ContentBlock> blocks, String text) {
        if (!text.isBlank()) {
            blocks.add(ContentBlock.fromText(text));
        }
    }

    private static ContentBlock image(JsonNode imageUrl) throws ProviderException {
        String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText();
        DataUrl data = DataUrl.parse(url).orElseThrow(() -> ProviderException.http(400,
                "Bedrock accepts inline (data: URL) images only", null));
        String format = data.subtype().equals("jpg") ? "jpeg" : data.subtype();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.base64());
        } catch (IllegalArgumentException e) {
            throw ProviderException.http(400, "image data URL is not valid base64", null);
        }
        return ContentBlock.fromImage(ImageBlock.builder()
                .format(format)
                .source(ImageSource.fromBytes(SdkBytes.fromByteArray(bytes)))
                .build());
    }

    private static List<ContentBlock> assistantContent(JsonNode message) {
        List<ContentBlock> blocks = new ArrayList<>();
        addText(blocks, MessageContent.text(message.get("content")));
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            blocks.add(ContentBlock.fromToolUse(ToolUseBlock.builder()
                    .toolUseId(call.path("id").asText())
                    .name(function.path("name").asText())
                    .input(Documents.fromJson(toolInput(function.path("arguments").asText(""))))
                    .build()));
        }
        return blocks;
    }

    /** Converse wants the input as an object; garbled arguments cannot be recovered, so they become {}. */
    private static JsonNode toolInput(String arguments) {
        try {
            JsonNode parsed = Json.parse(arguments);
            return parsed.isObject() ? parsed : Json.object();
        } catch (Exception e) {
            return Json.object();
        }
    }

    private static ContentBlock toolResult(JsonNode message) {
        String text = MessageContent.text(message.get("content"));
        return ContentBlock.fromToolResult(ToolResultBlock.builder()
                .toolUseId(message.path("tool_call_id").asText())
                // Converse rejects blank text, and a tool that printed nothing still needs a result
                .content(ToolResultContentBlock.fromText(text.isBlank() ? "(no output)" : text))
                .build());
    }

    private static Optional<InferenceConfiguration> inference(ChatRequest request) {
        JsonNode body = request.body();
        InferenceConfiguration.Builder builder = InferenceConfiguration.builder();
        boolean any = false;
        if (request.maxTokens().isPresent()) {
            builder.maxTokens(request.maxTokens().get());
            any = true;
        }
        if (body.path("temperature").isNumber()) {
            builder.temperature(body.get("temperature").floatValue());
            any = true;
        }
        if (body.path("top_p").isNumber()) {
            builder.topP(body.get("top_p").floatValue());
            any = true;
        }
        List<String> stop = request.stop().stream().filter(s -> !s.isEmpty()).toList();
        if (!stop.isEmpty()) {
            builder.stopSequences(stop);
            any = true;
        }
        return any ? Optional.of(builder.build()) : Optional.empty();
    }

    private static Optional<ToolConfiguration> tools(ChatRequest request) {
        if (request.tools().isEmpty()) {
            return Optional.empty();
        }
        List<Tool> tools = new ArrayList<>();
        for (JsonNode tool : request.tools().get()) {
            JsonNode function = tool.path("function");
            if (!function.isObject()) {
                continue;
            }
            ToolSpecification.Builder spec = ToolSpecification.builder().name(function.path("name").asText());
            String description = function.path("description").asText("");
            if (!description.isEmpty()) {
                spec.description(description);
            }
            JsonNode parameters = function.get("parameters");
            spec.inputSchema(ToolInputSchema.fromJson(Documents.fromJson(
                    parameters != null && parameters.isObject() ? parameters : Json.object().put("type", "object"))));
            tools.add(Tool.fromToolSpec(spec.build()));
        }
        ToolConfiguration.Builder config = ToolConfiguration.builder().tools(tools);
        toolChoice(request.body().get("tool_choice")).ifPresent(config::toolChoice);
        return Optional.of(config.build());
    }

    private static Optional<ToolChoice> toolChoice(JsonNode choice) {
        if (choice != null && choice.isObject()) {
            String name = choice.path("function").path("name").asText();
            return Optional.of(ToolChoice.fromTool(SpecificToolChoice.builder().name(name).build()));
        }
        if (choice != null && choice.isTextual()) {
            return switch (choice.asText()) {
                case "required" -> Optional.of(ToolChoice.fromAny(AnyToolChoice.builder().build()));
                case "auto" -> Optional.of(ToolChoice.fromAuto(AutoToolChoice.builder().build()));
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
