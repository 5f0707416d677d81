package dev.tiergate.pipeline;

import dev.tiergate.gate.GateResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** Counts gate rejections and escalations per route, so a gate that rejects everything shows up on a dashboard. */
final class EscalationMetrics {
    private final MeterRegistry registry;
    private final String route;

    EscalationMetrics(MeterRegistry registry, String route) {
        this.registry = registry;
        this.route = route;
    }

    void rejected(String tier, List<GateResult> verdicts) {
        verdicts.stream().filter(v -> !v.passed()).forEach(v -> Counter.builder("tiergate.gate.failures")
                .description("Answers rejected by a quality gate")
                .tag("route", route).tag("tier", tier).tag("gate", v.gate())
                .register(registry).increment());
    }

    void escalated(String from, String to, String cause) {
        Counter.builder("tiergate.escalations")
                .description("Requests that climbed a tier after a gate failure or an upstream failure")
                .tag("route", route).tag("from", from).tag("to", to).tag("cause", cause)
                .register(registry).increment();
    }
}
