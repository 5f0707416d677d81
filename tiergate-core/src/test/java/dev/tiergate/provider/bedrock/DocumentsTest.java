package dev.tiergate.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.json.Json;
import org.junit.jupiter.api.Test;

class DocumentsTest {

    @Test
    void roundTripsJsonThroughSdkDocuments() throws Exception {
        JsonNode json = Json.parse("""
                {"type": "object", "count": 3, "big": 12345678901234, "ratio": 0.25, "ok": true, "none": null,
                 "list": ["a", 1, {"nested": []}]}""");

        // compared as text: Jackson's int and long nodes of equal value are not equal()
        assertThat(Json.text(Documents.toJson(Documents.fromJson(json)))).isEqualTo(Json.text(json));
    }
}
