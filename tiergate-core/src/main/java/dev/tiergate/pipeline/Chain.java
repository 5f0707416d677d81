package dev.tiergate.pipeline;

/** The rest of the request path, as seen from one interceptor. */
public interface Chain {
    Exchange exchange();

    GatewayResult proceed(Exchange exchange);
}
