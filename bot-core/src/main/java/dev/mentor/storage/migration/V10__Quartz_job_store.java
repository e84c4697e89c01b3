package dev.mentor.storage.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Quartz's job store tables on PostgreSQL, where several instances share reminders and digests through
 * Quartz's clustered JDBC store. The tables come from Quartz's own script, read from its jar (so they
 * always match the Quartz in use), without its DROP statements. SQLite, one instance, keeps Quartz's RAM
 * store: the database is the source of truth there, and nothing is created.
 */
public final class V10__Quartz_job_store extends BaseJavaMigration {

    static final String SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        if (!product.toLowerCase(Locale.ROOT).contains("postgres")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements(script())) {
                statement.execute(sql);
            }
        }
    }

    /** The script's CREATE statements, comments left out. */
    static java.util.List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.lines().toList()) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(withoutComments.toString().split(";"))
                .map(String::strip)
                .filter(sql -> sql.toUpperCase(Locale.ROOT).startsWith("CREATE "))
                .toList();
    }

    private static String script() throws IOException {
        try (InputStream in = V10__Quartz_job_store.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("Quartz's table script " + SCRIPT + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
