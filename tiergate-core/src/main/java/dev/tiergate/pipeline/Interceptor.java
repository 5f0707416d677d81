package dev.tiergate.pipeline;

/**
 * One stage of the request path, in the style of OkHttp's interceptors: it may look at or change the exchange,
 * call {@link Chain#proceed} (or not, or several times, as escalation does) and look at or change the result.
 */
@FunctionalInterface
public interface Interceptor {
    GatewayResult intercept(Chain chain);
}
