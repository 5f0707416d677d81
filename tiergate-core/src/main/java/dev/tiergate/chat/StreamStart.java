package dev.tiergate.chat;

/** Who is answering a stream: known only once an upstream has produced its first token. */
public record StreamStart(String endpointName, String upstreamModel, int tierIndex, String tierName) {}
