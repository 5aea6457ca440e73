package dev.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.transport.OverloadReport.Shed;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OverloadReportTest {

    @Test
    void anIntervalOfSheddingIsOneLineOfCountsAndAQuietIntervalIsNone() {
        try (OverloadReport report = new OverloadReport(Duration.ofHours(1))) {
            assertThat(report.summary()).isNull();

            for (int i = 0; i < 3; i++) {
                report.count(Shed.TIMED_OUT);
            }
            report.count(Shed.IN_FLIGHT_FULL, 40);
            report.count(Shed.EXPIRED, 2);

            assertThat(report.summary()).isEqualTo("overload in the last 3600 s: unavailable, no reply in time: 3; "
                    + "unavailable at once, commands in flight at the limit: 40; expired at the command side, not decided: 2"
                    + " (clients retry; see docs/architecture.md, \"Deadlines and shedding\")");
            assertThat(report.summary()).as("counts start again after each line").isNull();
        }
    }
}
