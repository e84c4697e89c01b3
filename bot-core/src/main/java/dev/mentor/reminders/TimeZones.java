package dev.mentor.reminders;

import java.time.ZoneId;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TimeZone} per zone for all the triggers in it: {@link TimeZone#getTimeZone(ZoneId)}
 * returns a fresh copy on each call, and Quartz only reads the zone of a trigger.
 */
final class TimeZones {

    private final Map<ZoneId, TimeZone> byZone = new ConcurrentHashMap<>();

    TimeZone of(ZoneId zone) {
        return byZone.computeIfAbsent(zone, TimeZone::getTimeZone);
    }
}
