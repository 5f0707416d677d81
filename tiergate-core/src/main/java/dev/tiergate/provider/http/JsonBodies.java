package dev.tiergate.provider.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.json.Json;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Parses upstream JSON; anything that is not a JSON object is a PROTOCOL failure (an HTML error page, a cut-off body). */
public final class JsonBodies {
    private JsonBodies() {}

    public static ObjectNode object(byte[] bytes, String endpointName, String what) throws ProviderException {
        try {
            if (Json.parse(bytes) instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ProviderException(Kind.PROTOCOL, endpointName + ": " + what + " is not JSON (" + bytes.length + " bytes)", e);
        }
        throw new ProviderException(Kind.PROTOCOL, endpointName + ": " + what + " is not a JSON object");
    }

    public static ObjectNode object(String text, String endpointName, String what) throws ProviderException {
        return object(text.getBytes(StandardCharsets.UTF_8), endpointName, what);
    }
}
