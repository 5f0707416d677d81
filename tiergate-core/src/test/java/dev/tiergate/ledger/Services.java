package dev.tiergate.ledger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * Local services for tests: skipped with a visible message when absent, a failure instead when
 * {@code TIERGATE_REQUIRE_SERVICES=1} (CI).
 */
public final class Services {
    public static final String POSTGRES_HOST = "127.0.0.1";
    public static final int POSTGRES_PORT = 5432;

    private Services() {}

    public static void requirePostgres() {
        require("PostgreSQL", POSTGRES_HOST, POSTGRES_PORT);
    }

    public static void require(String name, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
        } catch (IOException e) {
            String message = name + " is not reachable at " + host + ":" + port + " (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("TIERGATE_REQUIRE_SERVICES"))) {
                throw new AssertionError(message + " and TIERGATE_REQUIRE_SERVICES=1");
            }
            System.err.println("SKIPPED: " + message + "; set TIERGATE_REQUIRE_SERVICES=1 to make this a failure");
            Assumptions.abort(message);
        }
    }

    /** The JDBC url of the local test database; the ledger tests use their own throw-away schema in it. */
    public static String postgresUrl() {
        return "jdbc:postgresql://" + POSTGRES_HOST + ":" + POSTGRES_PORT + "/test";
    }

    public static String postgresUrl(int port) {
        return "jdbc:postgresql://" + POSTGRES_HOST + ":" + port + "/test";
    }

    public static String postgresUser() {
        return System.getenv().getOrDefault("PGUSER", "postgres");
    }
}
