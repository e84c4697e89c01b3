package dev.mentor.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.storage.Database;
import dev.mentor.storage.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared store's statistics are refreshed on demand; a schedule in memory has none to refresh. */
class SchedulingStatisticsTest {

    @Test
    void refreshingTheSharedStoresStatisticsAnalysesQuartzsTables() throws SQLException, InterruptedException {
        TestPostgres postgres = TestPostgres.schemaOrSkip();
        try (Database database = Database.open(postgres.settings())) {
            Scheduling shared = Scheduling.shared(database, 1, Duration.ofSeconds(60));
            try {
                assertThat(analysed(database)).isZero();

                assertThat(shared.refreshStoreStatistics()).isTrue();

                // PostgreSQL publishes its statistics' own bookkeeping shortly after, not at once.
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (analysed(database) < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(analysed(database)).isEqualTo(3);
            } finally {
                shared.close();
            }
        } finally {
            postgres.close();
        }
    }

    @Test
    void aScheduleInMemoryHasNoStoreToAnalyse() {
        Scheduling own = Scheduling.inMemory(1, Duration.ofSeconds(60));
        try {
            assertThat(own.refreshStoreStatistics()).isFalse();
        } finally {
            own.close();
        }
    }

    /** How many of the three tables a trigger lookup reads PostgreSQL has analysed, in this schema. */
    private static int analysed(Database database) {
        return database.read(handle -> handle.createQuery("select count(*) from pg_stat_user_tables "
                        + "where schemaname = current_schema() and last_analyze is not null "
                        + "and relname in ('qrtz_triggers', 'qrtz_simple_triggers', 'qrtz_job_details')")
                .mapTo(Integer.class)
                .one());
    }
}
