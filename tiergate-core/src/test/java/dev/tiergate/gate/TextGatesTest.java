package dev.tiergate.gate;

import static dev.tiergate.gate.Answers.check;
import static dev.tiergate.gate.Answers.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.config.ConfigException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gates that look only at the answer's text: json, regex, contains, min_length, max_length. */
class TextGatesTest {

    @Test
    void jsonPassesAJsonDocumentAndFailsProseOrFences() {
        JsonGate gate = JsonGate.read(options("{type: json}"));

        assertThat(check(gate, " {\"answer\": 42} ")).isInstanceOf(GateResult.Pass.class);
        assertThat(check(gate, "[1, 2]").reason()).isEqualTo("valid JSON array");
        GateResult prose = check(gate, "Sure! {\"answer\": 42}");
        assertThat(prose.passed()).isFalse();
        assertThat(prose.reason()).startsWith("the answer is not valid JSON at line 1");
        assertThat(check(gate, "```json\n{\"a\": 1}\n```").passed()).isFalse();
        assertThat(check(gate, "{\"a\": 1} trailing").passed()).isFalse();
        assertThat(check(gate, "  ").reason()).isEqualTo("the answer is empty, not JSON");
    }

    @Test
    void regexRequiresOrForbidsAMatch() {
        RegexGate required = RegexGate.read(options("{type: regex, pattern: '^\\d{4}-\\d{2}-\\d{2}$'}"));
        assertThat(check(required, "2025-06-01").passed()).isTrue();
        assertThat(check(required, "June 1st").reason()).isEqualTo("does not match /^\\d{4}-\\d{2}-\\d{2}$/");

        RegexGate forbidden = new RegexGate(Pattern.compile("(?i)as an ai"), true);
        assertThat(check(forbidden, "Paris.").passed()).isTrue();
        assertThat(check(forbidden, "As an AI, I think Paris.").reason()).startsWith("matches the forbidden pattern");
    }

    @Test
    void regexRejectsABadPatternNamingTheField() {
        assertThatThrownBy(() -> RegexGate.read(options("{type: regex, pattern: '(unclosed'}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tiergate.yaml: routes[0].gates[0].pattern: not a valid regular expression");
        assertThatThrownBy(() -> RegexGate.read(options("{type: regex}")))
                .hasMessageContaining("routes[0].gates[0].pattern: is required");
    }

    @Test
    void containsChecksTextAllOrAny() {
        assertThat(check(ContainsGate.read(options("{type: contains, text: Sources}")), "Paris. Sources: x").passed()).isTrue();
        assertThat(check(ContainsGate.read(options("{type: contains, text: Sources}")), "Paris.").reason()).isEqualTo("missing ['Sources']");

        ContainsGate all = ContainsGate.read(options("{type: contains, all: [alpha, beta], ignore_case: true}"));
        assertThat(check(all, "ALPHA and Beta").passed()).isTrue();
        assertThat(check(all, "alpha only").reason()).isEqualTo("missing ['beta']");

        ContainsGate any = new ContainsGate(List.of("yes", "no"), false, false);
        assertThat(check(any, "no").passed()).isTrue();
        assertThat(check(any, "maybe").reason()).isEqualTo("contains none of ['yes', 'no']");
    }

    @Test
    void containsNeedsExactlyOneList() {
        assertThatThrownBy(() -> ContainsGate.read(options("{type: contains, text: a, any: [b]}")))
                .hasMessageContaining("routes[0].gates[0]: a contains gate needs exactly one of text:, all: or any:");
    }

    @Test
    void minLengthCountsCharsOrWords() {
        assertThat(check(MinLengthGate.chars(10), "long enough answer").reason()).isEqualTo("18 chars >= 10");
        assertThat(check(MinLengthGate.chars(10), "  short  ").reason()).isEqualTo("only 5 chars, below the minimum of 10");
        MinLengthGate words = MinLengthGate.read(options("{type: min_length, words: 3}"));
        assertThat(check(words, "one two three").passed()).isTrue();
        assertThat(check(words, "one two").passed()).isFalse();
    }

    @Test
    void maxLengthCatchesRunawayAnswers() {
        assertThat(check(MaxLengthGate.chars(20), "brief").passed()).isTrue();
        GateResult runaway = check(MaxLengthGate.read(options("{type: max_length, chars: 20}")), "x".repeat(21));
        assertThat(runaway.passed()).isFalse();
        assertThat(runaway.reason()).isEqualTo("21 chars, above the maximum of 20");
    }

    @Test
    void lengthGatesNeedExactlyOneUnit() {
        assertThatThrownBy(() -> MinLengthGate.read(options("{type: min_length}")))
                .hasMessageContaining("a length gate needs exactly one of chars: or words:");
        assertThatThrownBy(() -> MaxLengthGate.read(options("{type: max_length, chars: -1}")))
                .hasMessageContaining("routes[0].gates[0].chars: -1 is out of range");
    }

    @Test
    void lengthGatesLeaveToolCallAnswersAlone() {
        var toolCall = Answers.message("""
                {"role": "assistant", "content": null, "tool_calls": [{"id": "1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]}
                """, "tool_calls");
        assertThat(check(MinLengthGate.chars(50), Answers.ask("q"), toolCall).reason()).isEqualTo("the answer only calls tools");
    }
}
