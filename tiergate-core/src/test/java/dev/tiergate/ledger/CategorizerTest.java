package dev.tiergate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategorizerTest {
    private final Categorizer categorizer = new Categorizer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Write a python function that reverses a list | code",
            "What is 17 * 23? | math",
            "Summarize this article in two lines | extraction",
            "Write a short poem about autumn | writing",
            "Explain why the sky is blue | reasoning",
            "Hello, how are you? | chat"})
    void fallsIntoACoarseCategory(String text, String category) {
        assertThat(categorizer.categorize(LedgerTestKit.request("auto", text), Map.of())).isEqualTo(category);
    }

    @Test
    void aClientTagWinsWhenItIsAPlainName() {
        assertThat(categorizer.categorize(LedgerTestKit.request("auto", "Hello"), Map.of(Categorizer.HEADER, "Billing"))).isEqualTo("billing");
        assertThat(categorizer.categorize(LedgerTestKit.request("auto", "Hello"), Map.of(Categorizer.HEADER, "<script>"))).isEqualTo("chat");
    }
}
