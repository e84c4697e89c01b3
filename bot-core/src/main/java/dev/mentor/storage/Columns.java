package dev.mentor.storage;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/**
 * How values are written to the database's columns, the same on SQLite and PostgreSQL: instants, dates,
 * times of day and time zones as text. Jdbi is taught these forms once ({@link #registerOn}), so rows map
 * to records with its constructor mapper and records bind by their accessors.
 */
public final class Columns {

    private Columns() {
    }

    /** Text form of an instant in the database: UTC, to the second, fixed width, so it sorts. */
    public static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Reads and binds instants, dates, times and zones in their text forms wherever Jdbi meets them. */
    static void registerOn(Jdbi jdbi) {
        jdbi.registerColumnMapper(Instant.class, text(Instant::parse));
        jdbi.registerColumnMapper(LocalDate.class, text(LocalDate::parse));
        jdbi.registerColumnMapper(LocalTime.class, text(LocalTime::parse));
        jdbi.registerColumnMapper(ZoneId.class, text(ZoneId::of));
        // Jdbi reads each factory's type from its type argument, so each is its own (anonymous) class.
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.VARCHAR) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return text(instant(value));
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<LocalDate>(Types.VARCHAR) {
            @Override
            protected Argument build(LocalDate value, ConfigRegistry config) {
                return text(value.toString());
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<LocalTime>(Types.VARCHAR) {
            @Override
            protected Argument build(LocalTime value, ConfigRegistry config) {
                return text(value.toString());
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<ZoneId>(Types.VARCHAR) {
            @Override
            protected Argument build(ZoneId value, ConfigRegistry config) {
                return text(value.getId());
            }
        });
    }

    private static <T> ColumnMapper<T> text(Function<String, T> parse) {
        return (rows, column, context) -> {
            String value = rows.getString(column);
            return value == null ? null : parse.apply(value);
        };
    }

    private static Argument text(String value) {
        return (position, statement, context) -> statement.setString(position, value);
    }
}
