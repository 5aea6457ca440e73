package dev.parley.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which phases each form runs by default: the standalone crash only in the full form, and last. */
class SuiteSettingsTest {

    @Test
    void theFullFormEndsWithEveryProcessKilledAtOnce() {
        SuiteSettings full = SuiteSettings.from(Map.of(SuiteSettings.PREFIX + "form", "full")::get);
        assertThat(full.faults()).last().isEqualTo(Fault.EVERYTHING);
        assertThat(full.faults()).doesNotHaveDuplicates().hasSize(Fault.values().length);
    }

    @Test
    void theShortFormLeavesTheStandaloneCrashOut() {
        SuiteSettings shortForm = SuiteSettings.from(Map.of(SuiteSettings.PREFIX + "form", SuiteSettings.SHORT_FORM)::get);
        assertThat(shortForm.faults()).doesNotContain(Fault.EVERYTHING);
    }

    @Test
    void everythingCanBeChosenAloneAndOtherFaultsSetApart() {
        SuiteSettings chosen = SuiteSettings.from(Map.of(SuiteSettings.PREFIX + "faults", "redis,everything")::get);
        assertThat(chosen.faults()).containsExactly(Fault.REDIS, Fault.EVERYTHING);
        assertThat(chosen.withFaults(List.of(Fault.REDIS)).faults()).containsExactly(Fault.REDIS);
        assertThat(chosen.withFaults(List.of(Fault.REDIS)).portBase()).isEqualTo(chosen.portBase());
    }
}
