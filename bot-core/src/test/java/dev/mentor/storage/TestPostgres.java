package dev.mentor.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own on the test PostgreSQL server (MENTOR_TEST_POSTGRES_URL, default a local one), dropped
 * by {@link #close()}; the test is skipped, and reported as skipped, when no server answers.
 */
public final class TestPostgres implements AutoCloseable {

    private static final String URL = System.getenv().getOrDefault("MENTOR_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("MENTOR_TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("MENTOR_TEST_POSTGRES_PASSWORD", "");

    private final String schema = "mentor_test_" + UUID.randomUUID().toString().replace("-", "");

    private TestPostgres() {
        try (Connection connection = DriverManager.getConnection(URL + "?connectTimeout=2", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "no PostgreSQL server at " + URL + ": " + e.getMessage());
        }
    }

    /** A new schema, or the test skipped. */
    public static TestPostgres schemaOrSkip() {
        return new TestPostgres();
    }

    /** Settings that open the database in this schema. */
    public DatabaseSettings settings() {
        return new DatabaseSettings(URL + "?currentSchema=" + schema, USER, PASSWORD);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema " + schema + " cascade");
        }
    }
}
