package dev.tiergate.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

final class ObjectNodes {
    private ObjectNodes() {}

    static ArrayNode emptyArray() {
        return JsonNodeFactory.instance.arrayNode();
    }
}
