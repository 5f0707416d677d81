package dev.tiergate.gate;

import dev.tiergate.config.ConfigValue;

/** {@code max_length}: catches rambling or runaway answers (a loop, a dumped document) that a stronger model avoids. */
public final class MaxLengthGate implements Gate {
    public static final String TYPE = "max_length";

    private final AnswerLength length;

    MaxLengthGate(AnswerLength length) {
        this.length = length;
    }

    public static MaxLengthGate chars(int max) {
        return new MaxLengthGate(new AnswerLength(AnswerLength.Unit.CHARS, max));
    }

    static MaxLengthGate read(ConfigValue options) {
        return new MaxLengthGate(AnswerLength.read(options, "{type: max_length, chars: 4000}"));
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
        return measured <= length.limit()
                ? GateResult.pass(TYPE, measured + " " + unit + " <= " + length.limit())
                : GateResult.fail(TYPE, measured + " " + unit + ", above the maximum of " + length.limit());
    }
}
