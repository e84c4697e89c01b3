package dev.mentor.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiscordSettingsTest {

    private static final String TOKEN = FakeDiscord.tokenFor(123456789012345678L);

    @Test
    void defaultsToTheOfficialApiAllShardsAndNoMessageContent() {
        DiscordSettings settings = DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN));

        assertThat(settings.apiUrl()).isEqualTo("https://discord.com/api/v10");
        assertThat(settings.messageContent()).isFalse();
        assertThat(settings.shardCount()).isEmpty();
        assertThat(settings.shardIndices()).isEmpty();
        assertThat(settings.applicationId()).isEqualTo(123456789012345678L);
    }

    @Test
    void readsEverySetting() {
        DiscordSettings settings = DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN,
                "MENTOR_DISCORD_APP_ID", "42", "MENTOR_DISCORD_MESSAGE_CONTENT", "true", "MENTOR_DISCORD_SHARD_COUNT", "4",
                "MENTOR_DISCORD_SHARDS", "0, 2", "MENTOR_DISCORD_API_URL", "http://127.0.0.1:8080/api/v10/"));

        assertThat(settings.applicationId()).isEqualTo(42);
        assertThat(settings.messageContent()).isTrue();
        assertThat(settings.shardCount()).isEqualTo(OptionalInt.of(4));
        assertThat(settings.shardIndices()).isEqualTo(Set.of(0, 2));
        assertThat(settings.apiUrl()).isEqualTo("http://127.0.0.1:8080/api/v10");
    }

    @Test
    void namesTheSettingAndWhatItExpectsWhenMalformed() {
        assertThatThrownBy(() -> DiscordSettings.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MENTOR_DISCORD_TOKEN");
        assertThatThrownBy(() -> DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN,
                "MENTOR_DISCORD_MESSAGE_CONTENT", "maybe")))
                .hasMessageContaining("MENTOR_DISCORD_MESSAGE_CONTENT").hasMessageContaining("true or false");
        assertThatThrownBy(() -> DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN,
                "MENTOR_DISCORD_SHARD_COUNT", "0")))
                .hasMessageContaining("MENTOR_DISCORD_SHARD_COUNT").hasMessageContaining("1 or more");
        assertThatThrownBy(() -> DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN,
                "MENTOR_DISCORD_SHARDS", "0,1")))
                .hasMessageContaining("MENTOR_DISCORD_SHARDS").hasMessageContaining("MENTOR_DISCORD_SHARD_COUNT");
        assertThatThrownBy(() -> DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN,
                "MENTOR_DISCORD_SHARD_COUNT", "2", "MENTOR_DISCORD_SHARDS", "0,2")))
                .hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN,
                "MENTOR_DISCORD_SHARD_COUNT", "2", "MENTOR_DISCORD_SHARDS", "0,")))
                .hasMessageContaining("MENTOR_DISCORD_SHARDS").hasMessageContaining("separated by commas");
        assertThatThrownBy(() -> DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN,
                "MENTOR_DISCORD_API_URL", "discord.com")))
                .hasMessageContaining("MENTOR_DISCORD_API_URL");
    }

    @Test
    void neverShowsTheTokenEvenWhenItIsMalformed() {
        String secret = "not-a-bot-token-secret";

        assertThatThrownBy(() -> DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", secret)))
                .hasMessageContaining("MENTOR_DISCORD_TOKEN").hasMessageNotContaining(secret);
        DiscordSettings settings = DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN));
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("***");
    }

    @Test
    void theInviteAsksForTheBotAndItsCommandsWithOnlyWhatTheMentorUses() {
        String url = DiscordInvite.url(Map.of("MENTOR_DISCORD_TOKEN", TOKEN));

        // View Channel 1024 + Send Messages 2048 + Embed Links 16384 + Read Message History 65536
        // + Send Messages in Threads 2^38.
        assertThat(url).isEqualTo("https://discord.com/oauth2/authorize?client_id=123456789012345678"
                + "&scope=bot%20applications.commands&permissions=" + (1024 + 2048 + 16384 + 65536 + (1L << 38)));
        assertThat(DiscordInvite.url(Map.of("MENTOR_DISCORD_APP_ID", "42"))).contains("client_id=42&");
        assertThatThrownBy(() -> DiscordInvite.url(Map.of()))
                .hasMessageContaining("MENTOR_DISCORD_APP_ID").hasMessageContaining("MENTOR_DISCORD_TOKEN");
    }

    private static DiscordSettings instance(int ordinal, int instances, String shardCount) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("MENTOR_DISCORD_TOKEN", TOKEN,
                DiscordSettings.INSTANCE_ORDINAL, String.valueOf(ordinal), DiscordSettings.INSTANCE_COUNT,
                String.valueOf(instances)));
        if (shardCount != null) {
            environment.put(DiscordSettings.SHARD_COUNT, shardCount);
        }
        return DiscordSettings.fromEnvironment(environment);
    }

    @Test
    void instancesSplitTheShardsDisjointAndCompleteAndOnlyTheFirstPublishesCommands() {
        java.util.List<Integer> all = new java.util.ArrayList<>();
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            DiscordSettings settings = instance(ordinal, 3, "8");
            assertThat(settings.shardCount()).isEqualTo(OptionalInt.of(8));
            assertThat(settings.registersCommands()).isEqualTo(ordinal == 0);
            all.addAll(settings.shardIndices());
        }
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(instance(1, 2, null).shardIndices()).containsExactly(1);
        assertThat(instance(1, 2, null).shardCount()).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void aWrongInstanceSettingIsNamedWithWhatItExpects() {
        assertThatThrownBy(() -> instance(2, 2, null)).hasMessageContaining(DiscordSettings.INSTANCE_ORDINAL)
                .hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> instance(0, 4, "2")).hasMessageContaining(DiscordSettings.SHARD_COUNT)
                .hasMessageContaining("at least one shard");
        assertThatThrownBy(() -> DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN,
                DiscordSettings.INSTANCE_ORDINAL, "0"))).hasMessageContaining(DiscordSettings.INSTANCE_COUNT);
        assertThatThrownBy(() -> DiscordSettings.fromEnvironment(Map.of("MENTOR_DISCORD_TOKEN", TOKEN,
                DiscordSettings.INSTANCE_ORDINAL, "0", DiscordSettings.INSTANCE_COUNT, "2", DiscordSettings.SHARD_COUNT, "2",
                DiscordSettings.SHARDS, "0"))).hasMessageContaining("not both");
    }
}
