package dev.tiergate.eval.judged;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.dispatch.Attempt;
import dev.tiergate.json.Json;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.pipeline.GatewayException;
import dev.tiergate.pipeline.GatewayResult;
import dev.tiergate.pipeline.RequestMeta;
import dev.tiergate.provider.CallContext;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * Evaluates one prompt: the baseline pass, the routed pass through the gateway, then the judge(s). The passes run
 * one after the other (not in parallel) so that a row's calls reach each upstream in a fixed order.
 */
final class RowEvaluator {
    private static final String ESCALATIONS_HEADER = "x-tiergate-escalations";

    private final Gateway gateway;
    private final String route;
    private final DirectModel baseline;
    private final Judge judge;
    private final Judge judge2;
    private final InFlight inFlight;

    /** @param judge2 null without a second judge */
    RowEvaluator(Gateway gateway, String route, DirectModel baseline, Judge judge, Judge judge2, InFlight inFlight) {
        this.gateway = gateway;
        this.route = route;
        this.baseline = baseline;
        this.judge = judge;
        this.judge2 = judge2;
        this.inFlight = inFlight;
    }

    /** @throws CancellationException when the run was stopped mid-row: the row is incomplete and must not be kept */
    EvalRow evaluate(EvalItem item) {
        String prompt = item.promptText();
        PassResult base = within(context -> baseline.call(request(item, baseline.model().name()), context));
        if (!base.answered()) {
            return row(item, base, null, null, null);
        }
        PassResult routed = within(context -> routed(item, context));
        if (!routed.answered()) {
            return row(item, base, routed, null, null);
        }
        JudgeVerdict first = within(context -> judge.score(prompt, base.text(), routed.text(), context));
        JudgeVerdict second = judge2 == null ? null : within(context -> judge2.score(prompt, base.text(), routed.text(), context));
        return row(item, base, routed, first, second);
    }

    private PassResult routed(EvalItem item, CallContext context) {
        RequestMeta meta = new RequestMeta("eval-" + item.id(), "eval", Instant.now(), Map.of());
        try {
            GatewayResult result = gateway.handle(request(item, route), meta, context, null);
            return new PassResult(result.response().text(), result.answeredBy().name(), result.tier().name(), escalations(result),
                    DirectModel.calls(result.attempts()), null);
        } catch (GatewayException e) {
            return PassResult.failed("HTTP " + e.status() + " " + e.code() + ": " + e.getMessage(), DirectModel.calls(e.attempts()));
        }
    }

    /** The gateway's own count when it sent one; else how far the answer's tier is above the first attempt's. */
    private static int escalations(GatewayResult result) {
        String header = result.headers().get(ESCALATIONS_HEADER);
        if (header != null) {
            return Integer.parseInt(header);
        }
        int first = result.attempts().stream().mapToInt(Attempt::tierIndex).filter(i -> i >= 0).findFirst().orElse(result.tier().index());
        return Math.max(0, result.tier().index() - first);
    }

    private <T> T within(Function<CallContext, T> pass) {
        CallContext context = inFlight.open();
        try {
            T result = pass.apply(context);
            if (context.isCancelled()) {
                throw new CancellationException("the run was stopped");
            }
            return result;
        } finally {
            inFlight.close(context);
        }
    }

    private static ChatRequest request(EvalItem item, String model) {
        ObjectNode body = Json.object().put("model", model);
        body.set("messages", item.messages().deepCopy());
        return new ChatRequest(body);
    }

    private static EvalRow row(EvalItem item, PassResult base, PassResult routed, JudgeVerdict first, JudgeVerdict second) {
        return new EvalRow(item.id(), item.category(), item.complexity(), item.messages(), item.promptText(), base, routed, first, second);
    }
}
