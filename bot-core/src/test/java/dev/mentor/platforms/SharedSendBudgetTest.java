package dev.mentor.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import dev.mentor.storage.TestPostgres;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances' budgets for one bot on one PostgreSQL: what one takes, the other cannot. Runs against the
 * server in MENTOR_TEST_POSTGRES_URL (default: a local one), in a schema of its own; skipped when none answers.
 */
class SharedSendBudgetTest {


    private TestPostgres postgres;
    private Database first;
    private Database second;

    @TempDir
    Path folder;

    @BeforeEach
    void createSchema() {
        postgres = TestPostgres.schemaOrSkip();
        DatabaseSettings settings = postgres.settings();
        first = Database.open(settings);
        second = Database.open(settings);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (first != null) {
            first.close();
            second.close();
            postgres.close();
        }
    }

    @Test
    void whatOneInstanceTakesTheOtherCannot() {
        // One message a second for the bot: the first instance takes it, the second finds none left.
        SendBudget here = new SharedSendBudget(first, 42, 1);
        SendBudget there = new SharedSendBudget(second, 42, 1);

        assertThat(here.tryTake(0)).isTrue();
        assertThat(there.tryTake(0)).isFalse();
        assertThat(here.tryTake(0)).isFalse();

        // Another bot's budget is its own.
        assertThat(new SharedSendBudget(second, 43, 1).tryTake(0)).isTrue();
    }

    @Test
    void bulkMessagesLeaveTheLastTokensForReplies() throws InterruptedException {
        SendBudget budget = new SharedSendBudget(first, 7, 2); // two at once

        assertThat(budget.tryTake(1)).isTrue();
        assertThat(budget.tryTake(1)).isFalse(); // the last one is a reply's
        budget.take();
    }

    @Test
    void oneInstanceOnSqliteKeepsItsOwnBudget() {
        try (Database sqlite = Database.open(DatabaseSettings.sqlite(folder.resolve("m.db")))) {
            assertThatThrownBy(() -> new SharedSendBudget(sqlite, 1, 30)).hasMessageContaining("PostgreSQL");
        }
    }
}
