package dev.tiergate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {
    private final AtomicInteger judgeCalls = new AtomicInteger();

    private final Gate judge = new Gate() {
        @Override
        public String name() {
            return "judge";
        }

        @Override
        public GateResult check(GateInput input) {
            judgeCalls.incrementAndGet();
            return GateResult.pass("judge", "fine");
        }

        @Override
        public boolean expensive() {
            return true;
        }
    };

    private List<GateResult> evaluate(List<Gate> gates, String answer) {
        return GateEvaluator.evaluate(gates, new GateInput(Answers.ask("q"), Answers.text(answer), "cheap", ModelCaller.NONE));
    }

    @Test
    void expensiveGatesRunLastAndOnlyWhenTheCheapOnesPassed() {
        List<GateResult> passed = evaluate(List.of(judge, MinLengthGate.chars(3)), "long enough");
        assertThat(passed).extracting(GateResult::gate).containsExactly("min_length", "judge");
        assertThat(GateEvaluator.allPassed(passed)).isTrue();

        List<GateResult> rejected = evaluate(List.of(judge, MinLengthGate.chars(30), new JsonGate()), "short");
        assertThat(rejected).extracting(GateResult::gate).containsExactly("min_length", "json");
        assertThat(GateEvaluator.allPassed(rejected)).isFalse();
        assertThat(judgeCalls).hasValue(1);
    }

    @Test
    void aGateThatThrowsFailsClosed() {
        Gate broken = new Gate() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public GateResult check(GateInput input) {
                throw new IllegalStateException("boom");
            }
        };
        GateResult result = evaluate(List.of(broken), "x").get(0);
        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).contains("boom").endsWith("failing closed");
    }
}
