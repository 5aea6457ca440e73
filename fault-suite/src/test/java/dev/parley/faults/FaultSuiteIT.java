package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.InfraEndpoints;
import dev.parley.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's short form, on the build's shared servers (this module is the last of the build to use
 * them, so killing them disturbs no later test): a few seconds of chat per fault, then every acknowledged
 * message must be in every member's history once, gapless, and have reached every member. The table
 * goes to {@code fault-suite/target/fault-suite-short.md}; {@code -Dparley.faults.*} changes the run.
 */
class FaultSuiteIT {

    /** Every fault, with the short form's few seconds of chat; {@code -Dparley.faults.*} settings replace these. */
    private static final Map<String, String> SHORT_FORM = Map.of(SuiteSettings.PREFIX + "form", SuiteSettings.SHORT_FORM);

    @Test
    void everyAcknowledgedMessageSurvivesEachKillOnceAndReachesEveryMember() throws Exception {
        InfraEndpoints servers = RealServers.endpoints();
        SuiteSettings settings = SuiteSettings.from(key -> System.getProperty(key, SHORT_FORM.get(key)));
        List<PhaseResult> results;
        try (FaultSuite suite = new FaultSuite(settings, servers, RealServers.dataDir(), FaultSuite.serverPorts(servers),
                System.out)) {
            results = suite.run();
        }
        String report = FaultReport.table(results) + "\n" + FaultReport.problems(results);
        Path written = Path.of("target", "fault-suite-short.md");
        Files.writeString(written, report);
        System.out.println(report);

        assertThat(results).as("faults (see %s):%n%s", written.toAbsolutePath(), report)
                .hasSize(settings.faults().size())
                .allMatch(PhaseResult::passed);
    }
}
