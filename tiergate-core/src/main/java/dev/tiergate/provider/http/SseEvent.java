package dev.tiergate.provider.http;

/** One server-sent event: its {@code event:} name ("" when the server sent none) and its joined {@code data:} lines. */
public record SseEvent(String event, String data) {}
