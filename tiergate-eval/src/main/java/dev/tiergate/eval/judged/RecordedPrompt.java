package dev.tiergate.eval.judged;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A prompt from recorded traffic.
 *
 * @param id       the ledger's request id, kept as the eval row id so a row can be traced back to its request
 * @param category the ledger's category (the client's header, else the gateway's guess)
 * @param messages the request's chat messages
 */
public record RecordedPrompt(String id, long atMillis, String category, ArrayNode messages) {}
