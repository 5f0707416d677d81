package dev.tiergate.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pipeline.Gateway;
import dev.tiergate.pipeline.Target;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /v1/models}: every name a client can send as {@code model}, in OpenAI's list shape. */
final class ModelsHandler implements Handler {
    private final Gateway gateway;
    private final Authenticator authenticator;
    private final long created = java.time.Instant.now().getEpochSecond();

    ModelsHandler(Gateway gateway, Authenticator authenticator) {
        this.gateway = gateway;
        this.authenticator = authenticator;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        try {
            authenticator.authenticate(req);
        } catch (dev.tiergate.pipeline.GatewayException e) {
            HttpExchange.sendError(res, e);
            return;
        }
        ArrayNode data = Json.array();
        for (Target target : gateway.targets().values()) {
            ObjectNode entry = data.addObject();
            entry.put("id", target.name());
            entry.put("object", "model");
            entry.put("created", created);
            entry.put("owned_by", "tiergate");
            entry.put("tiergate_kind", target.kind().name().toLowerCase());
            target.route().ifPresent(route -> entry.put("strategy", route.strategy()));
            if (target.kind() == Target.Kind.TIER) {
                gateway.ladder().byName(target.name()).ifPresent(tier -> {
                    ArrayNode models = entry.putArray("models");
                    tier.models().forEach(m -> models.add(m.name()));
                });
            }
            if (target.kind() == Target.Kind.MODEL) {
                ModelEndpoint model = gateway.config().model(target.name()).orElseThrow();
                entry.put("provider", model.provider().configName());
                entry.put("upstream_model", model.model());
                entry.put("configured", model.isConfigured());
            }
        }
        ObjectNode body = Json.object();
        body.put("object", "list");
        body.set("data", data);
        HttpExchange.sendJson(res, 200, body);
    }
}
