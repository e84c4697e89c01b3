package dev.mentor.chat;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How a time zone is shown to people: "UTC" for every spelling of it, "UTC+05:30" for a fixed
 * offset, the IANA id ("Europe/Berlin") otherwise.
 */
public final class ZoneNames {

    private ZoneNames() {
    }

    public static String display(ZoneId zone) {
        if (isUtc(zone)) {
            return "UTC";
        }
        return zone instanceof ZoneOffset offset ? "UTC" + offset.getId() : zone.getId();
    }

    /**
     * Etc/UTC, UTC, GMT, Z, UCT, Zulu, Etc/GMT+0...: the zones that are UTC by another name. Only
     * aliases (no region in the id, or under Etc/) count, so a city that keeps UTC's offset is still
     * shown by its name.
     */
    private static boolean isUtc(ZoneId zone) {
        String id = zone.getId();
        boolean alias = zone instanceof ZoneOffset || !id.contains("/") || id.startsWith("Etc/");
        return alias && zone.normalized().equals(ZoneOffset.UTC);
    }
}
