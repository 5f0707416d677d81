package dev.tiergate.ledger;

import dev.tiergate.pipeline.Exchange;
import dev.tiergate.pipeline.GatewayResult;

/**
 * Something that reacts to each finished request after its record is built: metrics, drift, shadow sampling,
 * ratio learning. Runs on the request thread, so it must be quick and must hand any slow work to its own executor.
 */
@FunctionalInterface
public interface RequestObserver {
    /** @param result null when the request failed */
    void observe(Exchange exchange, GatewayResult result, RequestRecord record);
}
