package dev.mentor.discord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the mentor connects to Discord, read from the environment.
 *
 * @param token          the bot token; never printed (see {@link #toString()})
 * @param applicationId  the application (bot) id: {@code MENTOR_DISCORD_APP_ID}, else the id encoded in the
 *                       token's first segment
 * @param messageContent whether to ask for the privileged message-content intent, needed to answer plain mentions
 * @param shardCount     how many shards the whole bot runs, or empty for Discord's recommendation
 * @param shardIndices   the shards this instance runs, or empty for all of them
 * @param apiUrl         the REST API base, ending in the version ({@code https://discord.com/api/v10})
 * @param registersCommands whether this instance publishes the slash commands at start: one instance does
 *                       (the one with ordinal 0), not every one of them
 */
public record DiscordSettings(String token, long applicationId, boolean messageContent, OptionalInt shardCount,
        Set<Integer> shardIndices, String apiUrl, boolean registersCommands) {

    public static final String TOKEN = "MENTOR_DISCORD_TOKEN";
    public static final String APP_ID = "MENTOR_DISCORD_APP_ID";
    public static final String MESSAGE_CONTENT = "MENTOR_DISCORD_MESSAGE_CONTENT";
    public static final String SHARD_COUNT = "MENTOR_DISCORD_SHARD_COUNT";
    public static final String SHARDS = "MENTOR_DISCORD_SHARDS";
    public static final String API_URL = "MENTOR_DISCORD_API_URL";
    public static final String DEFAULT_API_URL = "https://discord.com/api/v10";
    /** This instance's place among several (0, 1, ...): its shards follow from it. */
    public static final String INSTANCE_ORDINAL = "MENTOR_INSTANCE_ORDINAL";
    /** How many instances serve the bot together. */
    public static final String INSTANCE_COUNT = "MENTOR_INSTANCE_COUNT";

    public DiscordSettings {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(TOKEN + " must hold the bot token from the Discord Developer Portal");
        }
        shardIndices = Set.copyOf(new TreeSet<>(shardIndices));
        if (!shardIndices.isEmpty() && shardCount.isEmpty()) {
            throw new IllegalArgumentException(SHARDS + " needs " + SHARD_COUNT + " too, so every instance agrees on the count");
        }
        for (int index : shardIndices) {
            if (index < 0 || index >= shardCount.getAsInt()) {
                throw new IllegalArgumentException(SHARDS + " must list shard indices from 0 to " + (shardCount.getAsInt() - 1)
                        + " (" + SHARD_COUNT + " is " + shardCount.getAsInt() + "), not " + index);
            }
        }
    }

    /** Whether the environment asks for Discord at all (its token is set). */
    public static boolean isConfigured(Map<String, String> environment) {
        String token = environment.get(TOKEN);
        return token != null && !token.isBlank();
    }

    /**
     * Reads the settings.
     *
     * @throws IllegalArgumentException naming the setting that is missing or malformed and what it expects
     */
    public static DiscordSettings fromEnvironment(Map<String, String> environment) {
        String token = value(environment, TOKEN);
        if (token == null) {
            throw new IllegalArgumentException(TOKEN + " must hold the bot token from the Discord Developer Portal");
        }
        token = token.strip();
        long applicationId = applicationId(environment);
        boolean messageContent = flag(environment, MESSAGE_CONTENT);
        OptionalInt shardCount = OptionalInt.empty();
        String count = value(environment, SHARD_COUNT);
        if (count != null) {
            int parsed = integer(SHARD_COUNT, count, "a whole number of shards, 1 or more");
            if (parsed < 1) {
                throw new IllegalArgumentException(SHARD_COUNT + " must be a whole number of shards, 1 or more, not '" + count + "'");
            }
            shardCount = OptionalInt.of(parsed);
        }
        Set<Integer> indices = new TreeSet<>();
        String shards = value(environment, SHARDS);
        if (shards != null) {
            for (String part : shards.split(",", -1)) {
                indices.add(integer(SHARDS, part.strip(), "shard indices separated by commas, like 0,1"));
            }
        }
        String apiUrl = apiUrl(environment);
        boolean registers = true;
        String ordinalText = value(environment, INSTANCE_ORDINAL);
        String instancesText = value(environment, INSTANCE_COUNT);
        if (ordinalText != null || instancesText != null) {
            if (ordinalText == null || instancesText == null) {
                throw new IllegalArgumentException(INSTANCE_ORDINAL + " and " + INSTANCE_COUNT + " go together: this "
                        + "instance's place (0, 1, ...) and how many instances there are");
            }
            if (shards != null) {
                throw new IllegalArgumentException("Give either " + SHARDS + " or " + INSTANCE_ORDINAL + " with "
                        + INSTANCE_COUNT + " (the shards then follow from them), not both");
            }
            int instances = integer(INSTANCE_COUNT, instancesText, "a whole number of instances, 1 or more");
            int ordinal = integer(INSTANCE_ORDINAL, ordinalText, "this instance's place, from 0");
            if (instances < 1) {
                throw new IllegalArgumentException(INSTANCE_COUNT + " must be 1 or more, not '" + instancesText + "'");
            }
            if (ordinal < 0 || ordinal >= instances) {
                throw new IllegalArgumentException(INSTANCE_ORDINAL + " must be from 0 to " + (instances - 1) + " ("
                        + INSTANCE_COUNT + " is " + instances + "), not '" + ordinalText + "'");
            }
            // One shard per instance unless told more; every instance must get at least one.
            int total = shardCount.orElse(instances);
            if (total < instances) {
                throw new IllegalArgumentException(SHARD_COUNT + " is " + total + ", fewer than the " + instances
                        + " instances in " + INSTANCE_COUNT + ": each instance needs at least one shard");
            }
            shardCount = OptionalInt.of(total);
            indices = assignedShards(ordinal, instances, total);
            registers = ordinal == 0;
        }
        return new DiscordSettings(token, applicationId, messageContent, shardCount, indices, apiUrl, registers);
    }

    /**
     * The shards of instance {@code ordinal} of {@code instances}: every {@code instances}-th from its ordinal.
     * Over all ordinals they are disjoint and cover every shard, by construction.
     */
    static Set<Integer> assignedShards(int ordinal, int instances, int shards) {
        Set<Integer> mine = new TreeSet<>();
        for (int shard = ordinal; shard < shards; shard += instances) {
            mine.add(shard);
        }
        return mine;
    }

    /**
     * The application id for the invite link: {@code MENTOR_DISCORD_APP_ID} when set, else decoded from the
     * token, whose first segment is the base64 of the bot's id (equal to the application id for bots
     * created since 2016).
     */
    public static long applicationId(Map<String, String> environment) {
        String explicit = value(environment, APP_ID);
        if (explicit != null) {
            long id = snowflake(explicit);
            if (id <= 0) {
                throw new IllegalArgumentException(APP_ID + " must be the numeric application id from the Developer Portal, not '"
                        + explicit + "'");
            }
            return id;
        }
        String token = value(environment, TOKEN);
        if (token == null) {
            throw new IllegalArgumentException("Set " + APP_ID + " (the application id from the Developer Portal) or "
                    + TOKEN + " (the id is read from it)");
        }
        OptionalLong fromToken = idFromToken(token.strip());
        if (fromToken.isEmpty()) {
            // Never echo the token: it is a secret even when malformed.
            throw new IllegalArgumentException(TOKEN + " does not look like a bot token (its first part should encode the "
                    + "bot id); check it or set " + APP_ID);
        }
        return fromToken.getAsLong();
    }

    /** The bot id a token's first segment encodes, if it does. */
    static OptionalLong idFromToken(String token) {
        int dot = token.indexOf('.');
        String first = dot < 0 ? token : token.substring(0, dot);
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(padded(first.replace('+', '-').replace('/', '_'))),
                    StandardCharsets.US_ASCII);
            long id = snowflake(decoded);
            return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private static String padded(String base64) {
        return base64 + "=".repeat((4 - base64.length() % 4) % 4);
    }

    private static long snowflake(String text) {
        if (!text.strip().matches("\\d{1,20}")) {
            return -1;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String apiUrl(Map<String, String> environment) {
        String url = value(environment, API_URL);
        if (url == null) {
            return DEFAULT_API_URL;
        }
        try {
            URI uri = URI.create(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(API_URL + " must be an http(s) URL of the Discord API such as "
                    + DEFAULT_API_URL + ", not '" + url + "'");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean flag(Map<String, String> environment, String name) {
        String text = value(environment, name);
        if (text == null) {
            return false;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + text + "'");
        };
    }

    private static int integer(String name, String text, String expected) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + expected + ", not '" + text + "'");
        }
    }

    private static String value(Map<String, String> environment, String name) {
        String text = environment.get(name);
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Override
    public String toString() {
        return "DiscordSettings[token=***, applicationId=" + applicationId + ", messageContent=" + messageContent
                + ", shardCount=" + shardCount + ", shardIndices=" + shardIndices + ", apiUrl=" + apiUrl
                + ", registersCommands=" + registersCommands + "]";
    }
}
