package dev.tiergate.pipeline;

import dev.tiergate.gate.GateResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The response headers that tell a client how its answer fared with the route's gates. */
final class GateHeaders {
    static final String GATE = "x-tiergate-gate";
    static final String REASONS = "x-tiergate-gate-reasons";
    static final String ESCALATIONS = "x-tiergate-escalations";
    /** Long enough for several reasons, short enough for any proxy's header limits. */
    private static final int MAX_REASONS_CHARS = 1000;

    private GateHeaders() {}

    static Map<String, String> passed(int escalations) {
        return Map.of(GATE, "passed", ESCALATIONS, Integer.toString(escalations));
    }

    /** No gate applies to the answering tier: only say how far the request climbed, if at all. */
    static Map<String, String> unchecked(int escalations) {
        return escalations == 0 ? Map.of() : Map.of(ESCALATIONS, Integer.toString(escalations));
    }

    static Map<String, String> failed(int escalations, String tierName, List<GateResult> verdicts) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(GATE, "failed");
        headers.put(REASONS, reasons(tierName, verdicts));
        headers.put(ESCALATIONS, Integer.toString(escalations));
        return headers;
    }

    /** "cheap: json: the answer is not valid JSON; min_length: ..." as one header-safe line. */
    static String reasons(String tierName, List<GateResult> verdicts) {
        StringBuilder text = new StringBuilder(tierName).append(": ");
        verdicts.stream().filter(v -> !v.passed()).forEach(v -> {
            if (text.length() > tierName.length() + 2) {
                text.append("; ");
            }
            text.append(v.gate()).append(": ").append(v.reason());
        });
        return headerSafe(text.toString());
    }

    /** Printable ASCII only (headers are Latin-1 at best, and a newline would split the response). */
    static String headerSafe(String value) {
        String ascii = value.replaceAll("[^\\x20-\\x7E]", "?");
        return ascii.length() > MAX_REASONS_CHARS ? ascii.substring(0, MAX_REASONS_CHARS - 3) + "..." : ascii;
    }
}
