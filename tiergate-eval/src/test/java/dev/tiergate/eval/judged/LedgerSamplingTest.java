package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tiergate.json.Json;
import dev.tiergate.ledger.RequestRecord;
import dev.tiergate.ledger.config.LedgerConfig;
import dev.tiergate.ledger.store.JdbcLedgerStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building an eval set from recorded traffic: the ledger's stored prompts, deduplicated and stratified by category. */
class LedgerSamplingTest {
    @TempDir
    Path dir;

    private static ArrayNode messages(String text) {
        ArrayNode messages = Json.array();
        messages.addObject().put("role", "user").put("content", text);
        return messages;
    }

    private static RequestRecord request(String id, long at, String category, String prompt) {
        return new RequestRecord(id, at, "team-a", "auto", "length", null, null, category, "cheap", "cheap", 0, "cheap", 200, null,
                false, false, false, false, 10, 0, 5, 0.0001, 0.001, 5, "default", 100, 40L, prompt, List.of());
    }

    @Test
    void readsStoredPromptsFromASqliteLedgerAndSkipsRequestsWithout() throws Exception {
        LedgerConfig ledger = LedgerConfig.DEFAULT.withSqlite(dir.resolve("ledger.db"), dir.resolve("ledger.spool")).withStorePrompts(true);
        try (JdbcLedgerStore store = JdbcLedgerStore.open(ledger)) {
            store.write(List.of(
                    request("r1", 1_000, "code", Json.text(messages("Fix this loop"))),
                    request("r2", 2_000, "chat", null),                       // stored without its prompt
                    request("r3", 3_000, "math", Json.text(messages("What is 2 + 2?"))),
                    request("r4", 4_000, "math", "not json")));             // unreadable: skipped, not guessed at
        }
        List<RecordedPrompt> read = new ArrayList<>();

        new LedgerPromptSource(ledger).scan(Instant.ofEpochMilli(0), read::add);

        assertThat(read).extracting(RecordedPrompt::id, RecordedPrompt::category).containsExactly(
                org.assertj.core.groups.Tuple.tuple("r1", "code"), org.assertj.core.groups.Tuple.tuple("r3", "math"));
        assertThat(read.get(1).messages()).isEqualTo(messages("What is 2 + 2?"));
        List<RecordedPrompt> recent = new ArrayList<>();
        new LedgerPromptSource(ledger).scan(Instant.ofEpochMilli(2_500), recent::add);
        assertThat(recent).extracting(RecordedPrompt::id).containsExactly("r3");
    }

    @Test
    void stratifiedQuotasKeepTheMixAndEveryCategory() {
        Map<String, List<RecordedPrompt>> groups = new LinkedHashMap<>();
        groups.put("chat", prompts("chat", 30));
        groups.put("code", prompts("code", 60));
        groups.put("math", prompts("math", 9));
        groups.put("rare", prompts("rare", 1));

        // one each, then D'Hondt over the other six: code 30, code 20, chat 15 (ties go to the first name), code 15, code 12, chat 10
        assertThat(StratifiedSample.quotas(groups, 10)).containsExactly(
                Map.entry("chat", 3), Map.entry("code", 5), Map.entry("math", 1), Map.entry("rare", 1));
        assertThat(StratifiedSample.quotas(groups, 200).values()).containsExactly(30, 60, 9, 1);
    }

    @Test
    void drawsDistinctPromptsReproduciblyBySeed() {
        List<RecordedPrompt> traffic = new ArrayList<>();
        traffic.addAll(prompts("code", 40));
        traffic.addAll(prompts("chat", 20));
        traffic.add(new RecordedPrompt("dup", 99_999, "chat", messages("chat prompt 0"))); // a repeat of chat-0
        Collections.shuffle(traffic, new java.util.Random(7));

        List<EvalItem> first = StratifiedSample.draw(traffic, 12, true, 42);
        List<EvalItem> again = StratifiedSample.draw(traffic, 12, true, 42);

        assertThat(first).extracting(EvalItem::id).containsExactlyElementsOf(again.stream().map(EvalItem::id).toList());
        assertThat(first.stream().collect(Collectors.groupingBy(EvalItem::category, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("chat", 4L, "code", 8L));
        assertThat(first).extracting(EvalItem::id).doesNotHaveDuplicates().doesNotContain("dup");
        assertThat(StratifiedSample.draw(traffic, 12, false, 42)).hasSize(12);
    }

    private static List<RecordedPrompt> prompts(String category, int count) {
        List<RecordedPrompt> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            prompts.add(new RecordedPrompt(category + "-" + i, i, category, messages(category + " prompt " + i)));
        }
        return prompts;
    }
}
