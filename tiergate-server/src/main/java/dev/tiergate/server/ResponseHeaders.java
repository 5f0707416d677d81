package dev.tiergate.server;

/** Headers that tell a client how its request was routed. */
final class ResponseHeaders {
    static final String ROUTE = "x-tiergate-route";
    static final String TIER = "x-tiergate-tier";
    static final String MODEL = "x-tiergate-model";
    static final String REQUEST_ID = "x-request-id";

    private ResponseHeaders() {}
}
