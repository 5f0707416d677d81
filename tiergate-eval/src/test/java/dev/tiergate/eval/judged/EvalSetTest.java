package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSetTest {

    @Test
    void readsPromptsAndMessagesWithOptionalFields() {
        List<EvalItem> items = EvalSet.parse("""
                {"id": "a", "category": "qa", "tier": "LOW", "prompt": "What is 2 + 2?"}

                {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Name a prime."}]}
                """, "set.jsonl");

        assertThat(items).hasSize(2);
        assertThat(items.get(0)).extracting(EvalItem::id, EvalItem::category, EvalItem::complexity, EvalItem::promptText)
                .containsExactly("a", "qa", "low", "What is 2 + 2?");
        EvalItem second = items.get(1);
        assertThat(second.category()).isEqualTo(EvalItem.UNCATEGORIZED);
        assertThat(second.complexity()).isEqualTo(EvalItem.UNSPECIFIED);
        assertThat(second.id()).matches("p-[0-9a-f]{12}");
        assertThat(second.promptText()).isEqualTo("system: Be brief.\n\nuser: Name a prime.");
    }

    @Test
    void derivedIdsAreStableAndRepeatedPromptsAreKeptApart() {
        String set = "{\"prompt\": \"Hi\"}\n{\"prompt\": \"Hi\"}\n";
        List<EvalItem> once = EvalSet.parse(set, "s");
        List<EvalItem> again = EvalSet.parse(set, "s");

        assertThat(once).extracting(EvalItem::id).containsExactlyElementsOf(again.stream().map(EvalItem::id).toList());
        assertThat(once.get(1).id()).isEqualTo(once.get(0).id() + "-2");
    }

    @Test
    void mistakesNameTheLineAndTheFix() {
        assertThatThrownBy(() -> EvalSet.parse("{\"prompt\": \"ok\"}\n{\"prompt\": 3}", "set.jsonl"))
                .isInstanceOf(EvalException.class).hasMessage("set.jsonl line 2: \"prompt\" must be a non-empty string");
        assertThatThrownBy(() -> EvalSet.parse("{\"prompt\": \"a\", \"messages\": []}", "s"))
                .hasMessageContaining("line 1: give exactly one of \"prompt\"");
        assertThatThrownBy(() -> EvalSet.parse("{\"prompt\": \"a\", \"tier\": \"hard\"}", "s"))
                .hasMessageContaining("tier 'hard' is not one of low, medium, high");
        assertThatThrownBy(() -> EvalSet.parse("{\"prompt\": \"a\", \"label\": \"x\"}", "s"))
                .hasMessageContaining("unknown field 'label'");
        assertThatThrownBy(() -> EvalSet.parse("{\"id\": \"x\", \"prompt\": \"a\"}\n{\"id\": \"x\", \"prompt\": \"b\"}", "s"))
                .hasMessageContaining("line 2: id 'x' is already used on line 1");
        assertThatThrownBy(() -> EvalSet.parse("{not json", "s")).hasMessageContaining("line 1: not valid JSON");
        assertThatThrownBy(() -> EvalSet.parse("\n\n", "s")).hasMessageContaining("has no prompts");
    }

    @Test
    void writeAndReadRoundTrip(@TempDir Path dir) throws Exception {
        List<EvalItem> items = EvalSet.parse("""
                {"id": "a", "category": "qa", "tier": "high", "prompt": "One?"}
                {"id": "b", "messages": [{"role": "system", "content": "Terse."}, {"role": "user", "content": "Two?"}]}
                """, "s");
        Path file = dir.resolve("out.jsonl");

        EvalSet.write(file, items);

        assertThat(EvalSet.read(file)).usingRecursiveComparison().isEqualTo(items);
    }

    @Test
    void theBundledSampleHasAHundredPromptsOverNineCategoriesAndThreeTiers() {
        List<EvalItem> sample = EvalSet.bundledSample();

        assertThat(sample).hasSize(100);
        Map<String, Long> byCategory = sample.stream().collect(Collectors.groupingBy(EvalItem::category, Collectors.counting()));
        assertThat(byCategory).hasSize(9).allSatisfy((category, n) -> assertThat(n).isBetween(10L, 12L));
        Map<String, Long> byTier = sample.stream().collect(Collectors.groupingBy(EvalItem::complexity, Collectors.counting()));
        assertThat(byTier.keySet()).containsExactlyInAnyOrder("low", "medium", "high");
        assertThat(byTier.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(20L));
        assertThat(sample.stream().map(EvalItem::id).collect(Collectors.toMap(Function.identity(), id -> 1, Integer::sum)))
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    }
}
