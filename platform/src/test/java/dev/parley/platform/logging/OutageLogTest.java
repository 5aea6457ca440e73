package dev.parley.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OutageLogTest {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(OutageLogTest.class);
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final OutageLog outages = new OutageLog(OutageLogTest.class, "the sweep", new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void anOutageIsOneLineWhenItStartsAndOneWhenItEnds() {
        for (int run = 0; run < 12; run++) {
            outages.failed(new IllegalStateException("connection refused"));
            now = now.plus(Duration.ofSeconds(5));
        }
        outages.succeeded();
        outages.succeeded();

        List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0)).startsWith("the sweep failed: java.lang.IllegalStateException: connection refused");
        assertThat(lines.list.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(logged.get(1)).isEqualTo("the sweep works again, after 60 s and 12 failed runs");
        assertThat(outages.failedRuns()).isZero();
    }

    @Test
    void eachOutageIsReportedAgain() {
        outages.failed(new IllegalStateException("first"));
        outages.succeeded();
        outages.failed(new IllegalStateException("second"));

        assertThat(lines.list).hasSize(3);
        assertThat(lines.list.get(2).getFormattedMessage()).contains("second");
    }

    @Test
    void runsThatWorkLogNothing() {
        outages.succeeded();
        outages.succeeded();

        assertThat(lines.list).isEmpty();
    }
}
