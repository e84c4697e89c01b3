package dev.mentor.storage;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the mentor keeps its data.
 *
 * @param url      a JDBC URL: {@code jdbc:sqlite:PATH} (the default) or {@code jdbc:postgresql://...}
 * @param user     database user, empty for SQLite
 * @param password database password, empty for SQLite; never printed
 */
public record DatabaseSettings(String url, String user, String password) {

    public static final String DEFAULT_URL = "jdbc:sqlite:data/mentor.db";

    public DatabaseSettings {
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    public static DatabaseSettings sqlite(Path file) {
        return new DatabaseSettings("jdbc:sqlite:" + file, "", "");
    }

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /**
     * The SQLite database's file, as the URL names it (relative to the current folder when the URL's path is);
     * none for PostgreSQL, an in-memory database or a {@code file:} URI, whose path SQLite resolves itself.
     */
    public Optional<Path> sqliteFile() {
        if (!isSqlite()) {
            return Optional.empty();
        }
        String location = safeUrl().substring("jdbc:sqlite:".length());
        if (location.isEmpty() || location.startsWith(":memory:") || location.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(location));
    }

    /** The URL without any query part, which may hold credentials: safe to show in messages. */
    public String safeUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + safeUrl() + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
