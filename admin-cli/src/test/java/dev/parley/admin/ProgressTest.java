package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final Instant NINE = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void theBarFillsInProportionAndStaysWithinItsEnds() {
        assertThat(ProgressBar.of(0.0)).isEqualTo("[" + "-".repeat(30) + "]   0%");
        assertThat(ProgressBar.of(0.5)).isEqualTo("[" + "#".repeat(15) + "-".repeat(15) + "]  50%");
        assertThat(ProgressBar.of(1.0)).isEqualTo("[" + "#".repeat(30) + "] 100%");
        assertThat(ProgressBar.of(1.7)).isEqualTo(ProgressBar.of(1.0));
        assertThat(ProgressBar.of(-0.2)).isEqualTo(ProgressBar.of(0.0));
        assertThat(ProgressBar.of(null)).isEqualTo("[" + ".".repeat(30) + "]    ?");
    }

    @Test
    void theShareOfTheRangeIsWhereTheLastEventStandsInIt() {
        assertThat(ExportProgress.fraction(NINE, NINE.plusSeconds(100), NINE.plusSeconds(25))).isEqualTo(0.25);
        assertThat(ExportProgress.fraction(NINE, NINE.plusSeconds(100), NINE.minusSeconds(5))).isEqualTo(0.0);
        assertThat(ExportProgress.fraction(NINE, NINE.plusSeconds(100), NINE.plusSeconds(500))).isEqualTo(1.0);
        assertThat(ExportProgress.fraction(NINE, NINE, NINE)).isNull();
    }

    @Test
    void theShareNeverGoesBackWhenGlobalOrderIsNotTimeOrder() {
        ExportProgress progress = new ExportProgress(NINE, NINE.plusSeconds(100), NINE.plusSeconds(1_000));

        progress.written(NINE.plusSeconds(40));
        progress.written(NINE.plusSeconds(39)); // committed a moment later than it was stamped
        progress.written(null);

        assertThat(progress.events()).isEqualTo(3);
        assertThat(progress.line(Duration.ofSeconds(2))).startsWith(ProgressBar.of(0.4)).contains("3 events").contains("2 events/s");
    }

    @Test
    void withoutARangeItRunsFromTheFirstEventToTheStartOfTheExport() {
        ExportProgress progress = new ExportProgress(null, null, NINE.plusSeconds(100));

        progress.written(NINE);
        progress.written(NINE.plusSeconds(75));

        assertThat(progress.line(Duration.ofSeconds(1))).startsWith(ProgressBar.of(0.75));
        assertThat(progress.finished(Duration.ofSeconds(1))).startsWith(ProgressBar.of(1.0));
    }

    @Test
    void theRateIsEventsPerSecondOfWallTime() {
        assertThat(ExportProgress.rate(5_000, Duration.ofMillis(2_500))).isEqualTo(2_000);
        assertThat(ExportProgress.rate(10, Duration.ZERO)).isZero();
    }

    @Test
    void theStatusTableAlignsItsColumnsAndShowsUnknownProgressAsADash() throws Exception {
        var projections = new ObjectMapper().readTree("""
                {"projections":[
                  {"name":"conversations","status":"replaying","position":123,"lag":4,"replaying":true,"progress":0.42},
                  {"name":"users","status":"running","position":98765,"lag":0,"replaying":false,"progress":null}]}
                """).path("projections");

        assertThat(ProjectionTable.of(projections)).isEqualTo("""
                NAME           STATUS     POSITION  LAG  REPLAYING  PROGRESS
                conversations  replaying  123       4    yes        42%
                users          running    98765     0    no         -
                """);
        assertThat(ReplayCommand.line(projections.get(0))).isEqualTo(ProgressBar.of(0.42) + "  replaying  position 123  lag 4");
    }
}
