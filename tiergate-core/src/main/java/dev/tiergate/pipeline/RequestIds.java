package dev.tiergate.pipeline;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids ({@code x-request-id}, the ledger's primary key): {@code tg-} and a UUIDv7 (RFC 9562), whose first
 * 48 bits are the Unix time in milliseconds. Time-ordered keys make each ledger insert land at the right edge of
 * the primary-key index instead of on a random page: with random UUIDs the SQLite write was measurably the largest
 * item in the gateway's concurrency-1 tail (docs/BENCHMARKS.md). The 74 random bits come from
 * {@link ThreadLocalRandom}, which also avoids {@code SecureRandom} per request; the ids are identifiers, not secrets.
 */
public final class RequestIds {
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    private RequestIds() {}

    public static String next() {
        return next(System.currentTimeMillis());
    }

    static String next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | VERSION_7 | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | VARIANT_RFC;
        return "tg-" + new UUID(high, low);
    }
}
