package dev.tiergate.provider.support;

import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Runs a provider call on a virtual thread for a platform-thread caller (tests, batch tools) and waits for it. */
public final class VirtualThreads {
    /** A call that may fail the way provider calls fail. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws ProviderException;
    }

    private VirtualThreads() {}

    public static <T> T call(Call<T> call, CallGuard guard) throws ProviderException {
        FutureTask<T> task = new FutureTask<>(call::run);
        Thread.ofVirtual().name("tiergate-call-" + guard.endpointName()).start(task);
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProviderException providerFailure) {
                throw providerFailure;
            }
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            guard.cancel();
            throw new ProviderException(Kind.CANCELLED, guard.endpointName() + ": interrupted while waiting for the upstream", e);
        }
    }
}
