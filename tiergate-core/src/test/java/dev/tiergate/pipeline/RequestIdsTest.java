package dev.tiergate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void idsAreVersion7UuidsCarryingTheirMillisecond() {
        long at = 1_795_000_000_123L;
        UUID uuid = UUID.fromString(RequestIds.next(at).substring(3));

        assertThat(RequestIds.next(at)).startsWith("tg-");
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(at);
    }

    @Test
    void laterIdsSortAfterEarlierOnesSoLedgerInsertsAppend() {
        String earlier = RequestIds.next(1_795_000_000_000L);
        String later = RequestIds.next(1_795_000_000_001L);

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsWithinOneMillisecondAreStillUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            seen.add(RequestIds.next(1_795_000_000_000L));
        }
        assertThat(seen).hasSize(200_000);
    }
}
