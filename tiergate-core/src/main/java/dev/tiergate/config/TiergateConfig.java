package dev.tiergate.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.ModelEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * The validated configuration.
 *
 * @param source         where it came from (a path, or "bundled default")
 * @param bundledDefault true when no file was given and the built-in ladder is in use
 * @param raw            the interpolated tree, for sections read by later stages (ledger, gates, shadow...)
 */
public record TiergateConfig(
        String source,
        boolean bundledDefault,
        ServerConfig server,
        AuthConfig auth,
        CooldownPolicy cooldown,
        List<ModelEndpoint> models,
        Ladder ladder,
        List<RouteConfig> routes,
        ObjectNode raw) {

    public TiergateConfig {
        models = List.copyOf(models);
        routes = List.copyOf(routes);
    }

    /** Without {@code raw}: the interpolated tree holds credentials in clear text. */
    @Override
    public String toString() {
        return "TiergateConfig[source=" + source + ", server=" + server + ", auth=" + auth.keys().size() + " key(s), models="
                + models + ", ladder=" + ladder + ", routes=" + routes + "]";
    }

    public Optional<ModelEndpoint> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<RouteConfig> route(String name) {
        return routes.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Environment variables that models need but did not get: what to set to route for real. */
    public List<String> missingEnv() {
        return models.stream().flatMap(m -> m.missingEnv().stream()).distinct().toList();
    }
}
