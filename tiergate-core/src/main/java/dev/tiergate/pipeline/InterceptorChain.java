package dev.tiergate.pipeline;

import java.util.List;

/** Runs interceptors in order; the last one must answer without calling proceed. */
record InterceptorChain(List<Interceptor> interceptors, int index, Exchange exchange) implements Chain {

    @Override
    public GatewayResult proceed(Exchange next) {
        if (index >= interceptors.size()) {
            throw new IllegalStateException("the last interceptor must answer, not proceed");
        }
        return interceptors.get(index).intercept(new InterceptorChain(interceptors, index + 1, next));
    }
}
