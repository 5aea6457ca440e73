package dev.parley.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Ids end up in Cassandra keys, Redis keys, URLs and file names: only the safe shape gets through. */
class IdsTest {

    @Test
    void safeIdsUpToSixtyFourCharactersPass() {
        assertThat(Ids.check("UserId", "a")).isEqualTo("a");
        assertThat(Ids.check("UserId", "d:Az09_.-x")).isEqualTo("d:Az09_.-x");
        assertThat(Ids.check("UserId", "x".repeat(64))).hasSize(64);
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "x".repeat(65), "a/b", "a b", "é", "a\n", "../etc", "{tag}", "a*"}) {
            assertThatThrownBy(() -> Ids.check("UserId", bad)).as(bad).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("UserId must be 1 to 64");
        }
        assertThatThrownBy(() -> Ids.check("UserId", null)).isInstanceOf(InvalidInput.class);
    }
}
