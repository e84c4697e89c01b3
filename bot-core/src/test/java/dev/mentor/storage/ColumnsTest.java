package dev.mentor.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instants, dates, times and zones go into columns as their text forms and come back as they went in. */
class ColumnsTest {

    @TempDir
    Path folder;
    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(new DatabaseSettings("jdbc:sqlite:" + folder.resolve("columns.db"), null, null));
        database.writeAll(handle -> handle.execute("create table moments (at text, day text, time text, zone text)"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    public record Moment(Instant at, LocalDate day, LocalTime time, ZoneId zone) {
    }

    @Test
    void boundValuesAreStoredAsTextToTheSecondAndMapBackIntoRecords() {
        Moment moment = new Moment(Instant.parse("2026-03-29T01:30:15.987Z"), LocalDate.of(2026, 3, 29),
                LocalTime.of(9, 30), ZoneId.of("Europe/Berlin"));
        database.writeAll(handle -> handle.createUpdate("insert into moments values (:at, :day, :time, :zone)")
                .bindMethods(moment).execute());
        database.writeAll(handle -> handle.createUpdate("insert into moments values (:at, :day, :time, :zone)")
                .bind("at", (Instant) null).bind("day", (LocalDate) null).bind("time", (LocalTime) null)
                .bind("zone", (ZoneId) null).execute());

        Map<String, Object> stored = database.read(handle -> handle.createQuery("select * from moments where at is not null")
                .mapToMap().one());
        assertThat(stored).containsEntry("at", "2026-03-29T01:30:15Z").containsEntry("day", "2026-03-29")
                .containsEntry("time", "09:30").containsEntry("zone", "Europe/Berlin");
        List<Moment> read = database.read(handle -> handle.createQuery("select * from moments order by at")
                .map(ConstructorMapper.of(Moment.class)).list());
        assertThat(read).containsExactly(new Moment(null, null, null, null),
                        new Moment(Instant.parse("2026-03-29T01:30:15Z"), moment.day(), moment.time(), moment.zone()));
    }
}
