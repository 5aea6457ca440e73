package dev.parley.readmodel.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.kernel.UserId;
import dev.parley.kernel.presence.PresenceChanged;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceProjectionTest {

    private static final UserId ADA = new UserId("ada");
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.678Z");

    /** Merged into the hash, so the lastSeen of the user's previous going offline stays. */
    @Test
    void goingOnlineWritesOnlineAndWhenButLeavesLastSeen() {
        assertThat(PresenceProjection.fieldsOf(new PresenceChanged(ADA, true, AT, "node-1")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("online", "1", "at", "1735787045678"));
    }

    @Test
    void goingOfflineIsWhenTheUserWasLastSeen() {
        assertThat(PresenceProjection.fieldsOf(new PresenceChanged(ADA, false, AT, "node-1")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("online", "0", "at", "1735787045678", "lastSeen", "1735787045678"));
    }
}
