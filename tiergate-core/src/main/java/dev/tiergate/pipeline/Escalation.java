package dev.tiergate.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.chat.StreamStart;
import dev.tiergate.dispatch.Attempt;
import dev.tiergate.gate.Gate;
import dev.tiergate.gate.GateEvaluator;
import dev.tiergate.gate.GateInput;
import dev.tiergate.gate.GateResult;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.Tier;
import dev.tiergate.router.RoutingDecision;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One request's way up the ladder: proceed at a tier, gate the answer, climb one tier (or, after a confidence-blend
 * start, straight back to the router's choice) until an answer passes, the route's cap is reached or the ladder
 * ends, then apply the route's terminal behaviour. Every attempt, rejected or not, is kept with its verdicts.
 */
final class Escalation {
    /** Dispatch failures another tier may not share: upstream errors, timeouts, unconfigured models. */
    private static final Set<Integer> ESCALATABLE_STATUSES = Set.of(502, 503, 504);

    /** An answer the gates rejected, kept for best_effort. */
    private record Rejected(GatewayResult result, StreamBuffer buffer, List<GateResult> verdicts, ChatRequest sent) {
        long failures() {
            return verdicts.stream().filter(v -> !v.passed()).count();
        }
    }

    private final Chain chain;
    private final Exchange exchange;
    private final EscalationPolicy policy;
    private final Ladder ladder;
    private final DispatchModelCaller judges;
    private final EscalationMetrics metrics;
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();
    /** How many of the judges' attempts are already in {@link #attempts}. */
    private int judgeAttemptsSeen;

    Escalation(Chain chain, EscalationPolicy policy, Ladder ladder, DispatchModelCaller judges, EscalationMetrics metrics) {
        this.chain = chain;
        this.exchange = chain.exchange();
        this.policy = policy;
        this.ladder = ladder;
        this.judges = judges;
        this.metrics = metrics;
    }

    GatewayResult run() {
        RoutingDecision decided = exchange.decision();
        boolean blended = policy.inBand(decided) && decided.tierIndex() > 0;
        int tier = blended ? 0 : decided.tierIndex();
        String why = blended ? "score within the band around the threshold: cheapest tier first" : decided.reason();
        int escalations = 0;
        while (true) {
            int next = blended && tier < decided.tierIndex() ? decided.tierIndex() : tier + 1;
            boolean canEscalate = escalations < policy.maxEscalations() && next < ladder.size();
            Tier current = ladder.tier(tier);
            List<Gate> gates = policy.gatesFor(current.name());
            ChatRequest sent = prepare(gates, canEscalate);
            StreamBuffer buffer = exchange.streaming() && !gates.isEmpty() ? new StreamBuffer() : null;
            Exchange attempt = exchange.withRequest(sent).withDecision(decided.atTier(tier, why))
                    .withSink(buffer != null ? buffer : exchange.sink());
            GatewayResult result;
            try {
                result = chain.proceed(attempt);
            } catch (GatewayException e) {
                attempts.addAll(e.attempts());
                if (!canEscalate || !escalatable(e, buffer)) {
                    return giveUp(e, escalations);
                }
                metrics.escalated(current.name(), ladder.tier(next).name(), "upstream_failed");
                why = "escalated: tier " + current.name() + " failed (" + e.code() + ")";
                tier = next;
                escalations++;
                continue;
            }
            List<GateResult> verdicts = gates.isEmpty() ? List.of()
                    : GateEvaluator.evaluate(gates, new GateInput(sent, result.response(), current.name(), judges));
            record(result, verdicts);
            if (GateEvaluator.allPassed(verdicts)) {
                return deliver(result, buffer, sent, gates.isEmpty() ? GateHeaders.unchecked(escalations) : GateHeaders.passed(escalations));
            }
            metrics.rejected(current.name(), verdicts);
            rejected.add(new Rejected(result, buffer, verdicts, sent));
            if (!canEscalate) {
                return terminal(escalations);
            }
            metrics.escalated(current.name(), ladder.tier(next).name(), "gate_failed");
            why = "escalated: " + GateHeaders.reasons(current.name(), verdicts);
            tier = next;
            escalations++;
        }
    }

    /** Lets every gate of this attempt adjust the request (ask for logprobs, add the sentinel instruction). */
    private ChatRequest prepare(List<Gate> gates, boolean canEscalate) {
        ChatRequest request = exchange.request();
        for (Gate gate : gates) {
            request = gate.prepare(request, canEscalate);
        }
        return request;
    }

    /**
     * A failed tier may be skipped when another tier could answer and the client has seen nothing of it: a stream
     * that went straight through and broke mid-way cannot be taken back.
     */
    private static boolean escalatable(GatewayException e, StreamBuffer buffer) {
        if (!ESCALATABLE_STATUSES.contains(e.status())) {
            return false;
        }
        return buffer != null || !"upstream_stream_broken".equals(e.code());
    }

    /** Keeps the tier's attempts, the answering one carrying the gates' verdicts, then the judges' attempts. */
    private void record(GatewayResult result, List<GateResult> verdicts) {
        List<Attempt> made = new ArrayList<>(result.attempts());
        if (!made.isEmpty() && !verdicts.isEmpty()) {
            int last = made.size() - 1;
            made.set(last, made.get(last).withGates(verdicts));
        }
        attempts.addAll(made);
        List<Attempt> judged = judges.attempts();
        attempts.addAll(judged.subList(Math.min(judged.size(), judgeAttemptsSeen), judged.size()));
        judgeAttemptsSeen = judged.size();
    }

    /** The dispatch failure stands, unless an earlier tier's rejected answer can still serve best_effort. */
    private GatewayResult giveUp(GatewayException failure, int escalations) {
        if (!rejected.isEmpty()) {
            return terminal(escalations);
        }
        throw new GatewayException(failure.status(), failure.type(), failure.code(), failure.param(), failure.getMessage(), attempts);
    }

    private GatewayResult terminal(int escalations) {
        if (policy.onFailure() == EscalationPolicy.OnFailure.FAIL) {
            throw new GatewayException(422, "quality_gate_error", "quality_gate_failed", null, failureMessage(), attempts);
        }
        Rejected best = rejected.get(0);
        for (Rejected candidate : rejected) {
            if (candidate.failures() <= best.failures()) {
                best = candidate; // fewest failed gates wins; among equals the later, stronger tier's answer
            }
        }
        return deliver(best.result(), best.buffer(), best.sent(),
                GateHeaders.failed(escalations, best.result().tier().name(), best.verdicts()));
    }

    private String failureMessage() {
        StringBuilder message = new StringBuilder("No answer passed the route's quality gates (tried ")
                .append(String.join(", ", rejected.stream().map(r -> r.result().tier().name()).toList()))
                .append("). ");
        for (Rejected r : rejected) {
            message.append(GateHeaders.reasons(r.result().tier().name(), r.verdicts())).append(". ");
        }
        return message.toString().strip();
    }

    /** Hands the chosen answer to the client: replays a held-back stream, or returns the JSON answer. */
    private GatewayResult deliver(GatewayResult result, StreamBuffer buffer, ChatRequest sent, Map<String, String> gateHeaders) {
        boolean strip = AnswerLogprobs.clientAsked(sent) && !AnswerLogprobs.clientAsked(exchange.request());
        ChatResponse response = strip ? AnswerLogprobs.strip(result.response()) : result.response();
        if (buffer != null) {
            StreamStart fallback = new StreamStart(result.answeredBy().name(), result.answeredBy().model(),
                    result.tier().index(), result.tier().name());
            UnaryOperator<ObjectNode> rewrite = strip ? AnswerLogprobs::strip : UnaryOperator.identity();
            try {
                buffer.replay(exchange.sink(), fallback, gateHeaders, rewrite);
            } catch (IOException e) {
                throw new GatewayException(499, "api_error", "client_closed_request", null, "the client closed the request", attempts);
            }
        }
        Map<String, String> headers = new HashMap<>(result.headers());
        headers.putAll(gateHeaders);
        return new GatewayResult(response, result.decision(), result.tier(), result.answeredBy(), attempts, headers);
    }
}
