package dev.mentor.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances' budgets for one bot on one PostgreSQL: what one takes, the other cannot. Runs against the
 * server in MENTOR_TEST_POSTGRES_URL (default: a local one), in a schema of its own; skipped when none answers.
 */
class SharedSendBudgetTest {

    private static final String URL = System.getenv().getOrDefault("MENTOR_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("MENTOR_TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("MENTOR_TEST_POSTGRES_PASSWORD", "");

    private final String schema = "mentor_test_" + UUID.randomUUID().toString().replace("-", "");
    private Database first;
    private Database second;

    @TempDir
    Path folder;

    @BeforeEach
    void createSchema() {
        try (Connection connection = DriverManager.getConnection(URL + "?connectTimeout=2", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "no PostgreSQL server at " + URL + ": " + e.getMessage());
        }
        DatabaseSettings settings = new DatabaseSettings(URL + "?currentSchema=" + schema, USER, PASSWORD);
        first = Database.open(settings);
        second = Database.open(settings);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (first != null) {
            first.close();
            second.close();
            try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema " + schema + " cascade");
            }
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
