package dev.tiergate.gate;

import dev.tiergate.config.ConfigValue;
import java.util.Set;

/** A custom gate for the SPI test, registered in META-INF/services: rejects answers written in capitals. */
public final class ShoutingGateProvider implements GateProvider {

    @Override
    public String type() {
        return "no_shouting";
    }

    @Override
    public Gate create(ConfigValue options) {
        options.onlyKeys(Set.of("type", "tiers", "max_ratio"));
        double maxRatio = options.get("max_ratio").number(0.5, 0, 1);
        return new Gate() {
            @Override
            public String name() {
                return "no_shouting";
            }

            @Override
            public GateResult check(GateInput input) {
                String letters = input.response().text().replaceAll("[^A-Za-z]", "");
                long upper = letters.chars().filter(Character::isUpperCase).count();
                double ratio = letters.isEmpty() ? 0 : (double) upper / letters.length();
                return ratio <= maxRatio ? GateResult.pass(name(), "calm") : GateResult.fail(name(), "shouting");
            }
        };
    }
}
