package dev.tiergate.server;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatRequestValidator;
import dev.tiergate.config.ServerConfig;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.pipeline.GatewayException;
import dev.tiergate.pipeline.Target;
import dev.tiergate.router.RouteProjection;
import dev.tiergate.router.RoutingDecision;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /v1/route}: a chat-completions body in, the routing decision out — tier, model, score, threshold and
 * projected cost versus the frontier — without calling any model.
 */
final class RouteHandler implements Handler {
    /** Completion length assumed for the projection when the request sets no max_tokens. */
    static final int ASSUMED_OUTPUT_TOKENS = 256;

    private final Gateway gateway;
    private final Authenticator authenticator;
    private final ServerConfig server;

    RouteHandler(Gateway gateway, Authenticator authenticator, ServerConfig server) {
        this.gateway = gateway;
        this.authenticator = authenticator;
        this.server = server;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        try {
            authenticator.authenticate(req);
            ChatRequest request = ChatRequestValidator.validate(RequestBodies.readJson(req, server.maxBodyBytes()));
            Target target = gateway.target(request.model());
            RoutingDecision decision = target.router().decide(request, gateway.ladder());
            HttpExchange.sendJson(res, 200,
                    RouteProjection.of(target.name(), decision, gateway.ladder(), request, ASSUMED_OUTPUT_TOKENS).toJson());
        } catch (GatewayException e) {
            HttpExchange.sendError(res, e);
        }
    }
}
