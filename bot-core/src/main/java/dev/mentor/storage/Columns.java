package dev.mentor.storage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How values are written to the database's columns, the same on SQLite and PostgreSQL. */
public final class Columns {

    private Columns() {
    }

    /** Text form of an instant in the database: UTC, to the second, fixed width, so it sorts. */
    public static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
