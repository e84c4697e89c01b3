package dev.mentor.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each start of the shared scheduler is its own member of the cluster, named without resolving the host. */
class InstanceIdTest {

    @Test
    void eachStartHasAnIdOfItsOwnThatNamesThisProcess() {
        String first = Scheduling.instanceId();
        String second = Scheduling.instanceId();

        assertThat(first).isNotEqualTo(second).contains("-" + ProcessHandle.current().pid() + "-");
        // Quartz keeps it in a column of 200 characters.
        assertThat(first).hasSizeLessThanOrEqualTo(200).doesNotStartWith("-");
    }
}
