package dev.tiergate.gate;

import dev.tiergate.config.ConfigValue;

/** {@code min_length}: catches truncated or lazy answers ("See above.") that cheap models give to hard questions. */
public final class MinLengthGate implements Gate {
    public static final String TYPE = "min_length";

    private final AnswerLength length;

    MinLengthGate(AnswerLength length) {
        this.length = length;
    }

    public static MinLengthGate chars(int min) {
        return new MinLengthGate(new AnswerLength(AnswerLength.Unit.CHARS, min));
    }

    static MinLengthGate read(ConfigValue options) {
        return new MinLengthGate(AnswerLength.read(options, "{type: min_length, chars: 20}"));
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public GateResult check(GateInput input) {
        if (AnswerLength.onlyToolCalls(input.response())) {
            return GateResult.pass(TYPE, "the answer only calls tools");
        }
        int measured = length.measure(input.response());
        String unit = length.unitName();
        return measured >= length.limit()
                ? GateResult.pass(TYPE, measured + " " + unit + " >= " + length.limit())
                : GateResult.fail(TYPE, "only " + measured + " " + unit + ", below the minimum of " + length.limit());
    }
}
