package dev.tiergate.server;

import dev.tiergate.chat.ChatRequest;
import dev.tiergate.chat.ChatRequestValidator;
import dev.tiergate.config.ServerConfig;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.pipeline.GatewayException;
import dev.tiergate.pipeline.GatewayResult;
import dev.tiergate.pipeline.RequestIds;
import dev.tiergate.pipeline.RequestMeta;
import dev.tiergate.provider.CallContext;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code POST /v1/chat/completions}: parse, authenticate, validate, hand to the gateway, write JSON or SSE. */
final class ChatCompletionsHandler implements Handler {
    private final Gateway gateway;
    private final Authenticator authenticator;
    private final ServerConfig server;

    ChatCompletionsHandler(Gateway gateway, Authenticator authenticator, ServerConfig server) {
        this.gateway = gateway;
        this.authenticator = authenticator;
        this.server = server;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String requestId = RequestIds.next();
        res.header(HeaderNames.create(ResponseHeaders.REQUEST_ID), requestId);
        SseSink sink = null;
        try {
            String keyId = authenticator.authenticate(req);
            ChatRequest request = ChatRequestValidator.validate(RequestBodies.readJson(req, server.maxBodyBytes()));
            String route = gateway.target(request.model()).name();
            RequestMeta meta = new RequestMeta(requestId, keyId, Instant.now(), safeHeaders(req));
            CallContext context = CallContext.within(server.requestTimeout());
            if (request.stream()) {
                sink = new SseSink(res, request.includeUsage(), Map.of(ResponseHeaders.ROUTE, route));
                gateway.handle(request, meta, context, sink);
                sink.finish();
            } else {
                GatewayResult result = gateway.handle(request, meta, context, null);
                res.header(HeaderNames.create(ResponseHeaders.ROUTE), route);
                res.header(HeaderNames.create(ResponseHeaders.TIER), result.tier().name());
                res.header(HeaderNames.create(ResponseHeaders.MODEL), result.answeredBy().name());
                result.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
                HttpExchange.sendJson(res, 200, result.response().body());
            }
        } catch (GatewayException e) {
            if (sink != null && sink.started()) {
                sink.fail(e);
            } else {
                HttpExchange.sendError(res, e);
            }
        } catch (IOException | UncheckedIOException e) {
            // the client disconnected while we were writing; the upstream call was already cancelled
        }
    }

    /** Headers for rules and the ledger, with credentials removed. */
    private static Map<String, String> safeHeaders(ServerRequest req) {
        Map<String, String> headers = new LinkedHashMap<>();
        req.headers().forEach(h -> {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!name.equals("authorization") && !name.equals("x-api-key") && !name.equals("cookie")) {
                headers.put(name, h.get());
            }
        });
        return headers;
    }
}
