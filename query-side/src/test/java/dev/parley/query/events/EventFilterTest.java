package dev.parley.query.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.conversation.MessageSent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    @Test
    void noParametersMeanEveryEventFromTheStartAPageAtATime() {
        assertThat(EventFilter.of(null, null, null, null, null, null))
                .isEqualTo(new EventFilter(0, null, null, null, null, EventFilter.DEFAULT_LIMIT));
    }

    @Test
    void aTypeIsNamedAsTheDocsNameItAndFilteredAsAxonStoresIt() {
        EventFilter filter = EventFilter.of(5L, "d:1", "MessageSent", "2026-11-28T09:00:00Z", "2026-11-29T09:00:00Z", 10);

        assertThat(filter.payloadType()).isEqualTo(MessageSent.class.getName());
        assertThat(filter.from()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(filter.limit()).isEqualTo(10);
        assertThat(EventTypes.nameOf(MessageSent.class.getName())).isEqualTo("MessageSent");
    }

    @Test
    void eachFaultyParameterIsABadRequestNamingIt() {
        assertRefused(() -> EventFilter.of(-1L, null, null, null, null, null), "afterIndex");
        assertRefused(() -> EventFilter.of(null, "", null, null, null, null), "aggregateId");
        assertRefused(() -> EventFilter.of(null, "x".repeat(256), null, null, null, null), "aggregateId");
        assertRefused(() -> EventFilter.of(null, null, "Probe", null, null, null), "type must be one of");
        assertRefused(() -> EventFilter.of(null, null, null, "yesterday", null, null), "from");
        assertRefused(() -> EventFilter.of(null, null, null, "2026-11-29T09:00:00Z", "2026-11-29T09:00:00Z", null),
                "from must be before to");
        assertRefused(() -> EventFilter.of(null, null, null, null, null, 0), "limit");
        assertRefused(() -> EventFilter.of(null, null, null, null, null, EventFilter.MAX_LIMIT + 1), "limit");
    }

    @Test
    void aBoundIsRoundedUpToTheMicrosecondThatPostgresCompares() {
        assertThat(EventFilter.roundedUpToMicros(Instant.parse("2026-11-29T09:00:00.000001Z")))
                .isEqualTo(Instant.parse("2026-11-29T09:00:00.000001Z"));
        assertThat(EventFilter.roundedUpToMicros(Instant.parse("2026-11-29T09:00:00.0000001Z")))
                .isEqualTo(Instant.parse("2026-11-29T09:00:00.000001Z"));
    }

    private static void assertRefused(Runnable parse, String naming) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidInput.class, refused -> {
            assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(refused.getMessage()).contains(naming);
        });
    }
}
