package dev.tiergate.gate;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;

/**
 * What a gate judges: the answer, the request it answers (as sent upstream), which tier produced it, and a way to
 * call another configured model (for judge gates such as {@code self_grade}).
 */
public record GateInput(ChatRequest request, ChatResponse response, String tierName, ModelCaller models) {}
