package dev.mentor.conversation;

import dev.mentor.chat.Reply;
import dev.mentor.chat.Button;
import dev.mentor.chat.Attachment;
import dev.mentor.chat.IncomingMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mentor.communities.Communities;
import dev.mentor.communities.Community;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.knowledge.RoadmapLoader;
import dev.mentor.learners.LearnerListener;
import dev.mentor.search.TopicSearch;
import dev.mentor.storage.Database;
import dev.mentor.storage.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An admin setting when the weekly digest comes and in which zone, on a real SQLite file. */
class CommunityCommandsTest {

    /** Tuesday 24 November 2026, 10:00 UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final String GUILD = "guild-1";

    private static Roadmap roadmap;
    private static TopicSearch search;

    @TempDir
    Path folder;
    private Database database;
    private ConversationEngine engine;
    private final List<Community> changes = new ArrayList<>();

    @BeforeAll
    static void load() {
        roadmap = new RoadmapLoader().loadBundled();
        search = new TopicSearch(roadmap);
    }

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(folder.resolve("mentor.db")));
        engine = Engines.on(database, roadmap, search, LearnerListener.NONE, changes::add, CLOCK, ZoneId.of("UTC"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Reply admin(String text) {
        return engine.handle(new IncomingMessage("discord", GUILD, "channel-9", "admin-1", "Grace", text, true, true));
    }

    /** The reply's text without its markup, as an admin reads it. */
    private String read(String text) {
        return admin(text).text().replace("**", "").replace("`", "").replaceAll("\\\\(\\p{Punct})", "$1");
    }

    private Community community() {
        return new Communities(database).find("discord", GUILD).orElseThrow();
    }

    private static List<String> commands(Reply reply) {
        return reply.buttons().stream().flatMap(List::stream).map(Button::command).toList();
    }

    @Test
    void statsIsForAdminsOnlyAndOnlyInsideACommunity() {
        Reply member = engine.handle(new IncomingMessage("discord", GUILD, "channel-9", "member-1", "Ada", "/stats",
                false, true));
        Reply inPrivate = engine.handle(new IncomingMessage("discord", null, "dm-1", "admin-1", "Grace", "/stats",
                true, true));

        assertThat(member.text()).contains("only the admins");
        assertThat(member.attachments()).isEmpty();
        assertThat(inPrivate.text()).contains("not in a private chat");
        assertThat(inPrivate.attachments()).isEmpty();
    }

    @Test
    void statsSumsUpLearnersPerWeekAndQuestionsPerDayInTextAndOneChartOfTwoPanels() throws Exception {
        dev.mentor.learners.Learners learners = new dev.mentor.learners.Learners(database);
        for (int i = 0; i < 3; i++) {
            member("learner-" + i, "/start");
        }
        member("learner-2", "/goto 4");
        engine.handle(new IncomingMessage("discord", "other-guild", "c", "elsewhere", "Eve", "/start", false, true));
        dev.mentor.communities.QuestionLog log = new dev.mentor.communities.QuestionLog(database);
        Instant now = CLOCK.instant();
        log.record("discord", GUILD, "what is docker", "docker", "topic:docker", now.minusSeconds(3600));
        log.record("discord", GUILD, "what is git", "git", "topic:git", now.minusSeconds(86_400));
        log.record("discord", GUILD, "when do we meet", "meet", null, now.minusSeconds(86_400));
        log.record("discord", GUILD, "old question", "old", null, now.minus(java.time.Duration.ofDays(40)));
        log.record("discord", "other-guild", "elsewhere", "elsewhere", null, now);

        Reply reply = admin("/stats");

        String text = reply.text().replace("**", "");
        assertThat(text).contains("Learners: 3").contains("in weeks 1 to 4; most are in week 1 (2)")
                .contains("3 asked, 1 unanswered (33%)").contains("busiest day was Mon 23 Nov (2)")
                .contains("/unanswered");
        assertThat(reply.attachments()).hasSize(1);
        Attachment chart = reply.attachments().getFirst();
        assertThat(chart.fileName()).isEqualTo("community-stats.png");
        assertThat(chart.isImage()).isTrue();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(chart.open());
        assertThat(image.getWidth()).isEqualTo(CommunityStats.WIDTH);
        assertThat(image.getHeight()).isEqualTo(2 * CommunityStats.PANEL_HEIGHT);
        assertThat(learners.perWeekIn("discord", GUILD)).containsExactly(java.util.Map.entry(1, 2),
                java.util.Map.entry(4, 1));
    }

    @Test
    void statsOfAQuietCommunityStillSaysSomethingUseful() {
        Reply reply = admin("/stats");

        assertThat(reply.text()).contains("nobody has enrolled here yet").contains("none asked yet");
        assertThat(reply.attachments()).hasSize(1);
    }

    private void member(String user, String text) {
        engine.handle(new IncomingMessage("discord", GUILD, "channel-9", user, user, text, false, true));
    }

    @Test
    void digestTakesDaysAndTimesAsPeopleTypeThem() {
        assertThat(read("/digest fri 5pm")).contains("every Friday at 17:00 (UTC)");
        assertThat(read("/digest 9:30am")).contains("every Friday at 09:30");
        assertThat(read("/digest Thursday")).contains("every Thursday at 09:30");
        assertThat(read("/digest MON noon")).contains("every Monday at 12:00");

        assertThat(community().digestDay()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(community().digestTime()).isEqualTo(LocalTime.NOON);
        assertThat(changes).last().extracting(Community::digestTime).isEqualTo(LocalTime.NOON);
    }

    @Test
    void digestOnMoreThanOneDayGetsTheClosestWeeklyCommand() {
        Reply weekdays = admin("/digest weekdays at 10am");

        assertThat(weekdays.text()).contains("one digest a week");
        assertThat(commands(weekdays)).containsExactly("/digest mon 10:00");
        assertThat(changes).isEmpty();
    }

    @Test
    void wrongDigestTimesSayWhatIsWrong() {
        assertThat(read("/digest mon 25:00")).contains("hours go from 0 to 23").contains("/digest monday 10:00");
        assertThat(read("/digest funday 10am")).contains("funday is not a day of the week");
        assertThat(read("/digest 13pm")).contains("1 to 12");
        assertThat(changes).isEmpty();
    }

    @Test
    void digestZoneTakesCitiesAndShowsTheLocalTimeThere() {
        assertThat(read("/digest zone Munich")).contains("It's 11:00 on Tue 24 Nov there")
                .contains("every Monday at 10:00 (Europe/Berlin)");
        assertThat(community().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));

        assertThat(read("/digest zone etc/utc")).contains("(UTC)").doesNotContain("Etc");
    }

    @Test
    void anAmbiguousDigestZoneAsksWithButtons() {
        Reply ist = admin("/digest zone IST");

        assertThat(commands(ist)).containsExactly("/digest zone Asia/Kolkata", "/digest zone Asia/Jerusalem",
                "/digest zone Europe/Dublin");
        assertThat(commands(admin("/digest zone Europe/Berln"))).contains("/digest zone Europe/Berlin");
        assertThat(changes).isEmpty();
    }
}
