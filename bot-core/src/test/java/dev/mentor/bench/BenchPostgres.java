package dev.mentor.bench;

import dev.mentor.storage.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server the benchmarks run on: BENCH_POSTGRES_URL (default a local database named
 * mentor_bench), BENCH_POSTGRES_USER (default postgres) and BENCH_POSTGRES_PASSWORD. Each run works in a
 * schema of its own, dropped after, so runs never see each other's learners or triggers.
 */
record BenchPostgres(String url, String user, String password) {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/mentor_bench";

    static BenchPostgres fromEnvironment() {
        String url = System.getenv().getOrDefault("BENCH_POSTGRES_URL", "");
        return new BenchPostgres(url.isBlank() ? DEFAULT_URL : url.strip(),
                System.getenv().getOrDefault("BENCH_POSTGRES_USER", "postgres"),
                System.getenv().getOrDefault("BENCH_POSTGRES_PASSWORD", ""));
    }

    /** Whether the server answers; if not, says how to point the benchmark at one. */
    boolean answers() {
        try (Connection connection = connect()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            System.out.printf("No PostgreSQL at %s as %s (%s). Create the database (createdb mentor_bench) or set "
                    + "BENCH_POSTGRES_URL, BENCH_POSTGRES_USER and BENCH_POSTGRES_PASSWORD.%n",
                    new DatabaseSettings(url, user, password).safeUrl(), user, e.getMessage());
            return false;
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** A new empty schema. */
    String createSchema() throws SQLException {
        String schema = "mentor_bench_" + UUID.randomUUID().toString().replace("-", "");
        execute("create schema " + schema);
        return schema;
    }

    void dropSchema(String schema) throws SQLException {
        execute("drop schema " + schema + " cascade");
    }

    /** Settings that open the database in {@code schema}, with more URL parameters when {@code options} is not empty. */
    DatabaseSettings settings(String schema, String options) {
        String separator = url.contains("?") ? "&" : "?";
        return new DatabaseSettings(url + separator + "currentSchema=" + schema + (options.isBlank() ? "" : "&" + options),
                user, password);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
