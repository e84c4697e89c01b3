package dev.mentor.conversation;

import dev.mentor.chat.Dates;
import dev.mentor.chat.Reply;
import dev.mentor.chat.Button;
import dev.mentor.chat.Markup;
import dev.mentor.chat.Attachment;
import dev.mentor.charts.ChartRenderer;
import dev.mentor.communities.Community;
import dev.mentor.communities.QuestionLog;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.learners.Learners;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /stats}: a community's learners per week of the plan and its questions per day over the last 30
 * days with the share left unanswered, as a short text that stands on its own and one PNG of two charts.
 */
final class CommunityStats {

    static final int DAYS = 30;
    static final int WIDTH = 800;
    static final int PANEL_HEIGHT = 340;
    static final String FILE_NAME = "community-stats.png";
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private final Roadmap roadmap;
    private final Learners learners;
    private final QuestionLog questions;
    private final ChartRenderer charts;
    private final Clock clock;

    CommunityStats(Roadmap roadmap, Learners learners, QuestionLog questions, ChartRenderer charts, Clock clock) {
        this.roadmap = roadmap;
        this.learners = learners;
        this.questions = questions;
        this.charts = charts;
        this.clock = clock;
    }

    Reply reply(Community community) {
        Map<Integer, Integer> perWeek = learners.perWeekIn(community.platform(), community.communityId());
        LocalDate today = LocalDate.now(clock.withZone(community.zone()));
        List<QuestionLog.Day> days = questions.perDay(community.platform(), community.communityId(),
                today.minusDays(DAYS - 1L), today, community.zone());
        int asked = days.stream().mapToInt(QuestionLog.Day::asked).sum();
        int unanswered = days.stream().mapToInt(QuestionLog.Day::unanswered).sum();

        StringBuilder text = new StringBuilder("**This community at a glance**\n\n- **Learners**: ");
        int members = perWeek.values().stream().mapToInt(Integer::intValue).sum();
        if (members == 0) {
            text.append("nobody has enrolled here yet; members who send ").append(Markup.code("/start"))
                    .append(" here are counted.");
        } else {
            Map.Entry<Integer, Integer> most = null; // the earliest of the weeks most are in
            for (Map.Entry<Integer, Integer> week : perWeek.entrySet()) {
                if (most == null || week.getValue() > most.getValue()) {
                    most = week;
                }
            }
            int first = perWeek.keySet().stream().min(Integer::compare).orElseThrow();
            int last = perWeek.keySet().stream().max(Integer::compare).orElseThrow();
            text.append(members).append(" (who last used the mentor here), ")
                    .append(first == last ? "all in week " + first : "in weeks " + first + " to " + last)
                    .append(first == last ? "." : "; most are in week " + most.getKey() + " (" + most.getValue() + ").");
        }
        text.append("\n- **Questions, last ").append(DAYS).append(" days**: ");
        if (asked == 0) {
            text.append("none asked yet.");
        } else {
            QuestionLog.Day busiest = days.stream().max(java.util.Comparator.comparingInt(QuestionLog.Day::asked))
                    .orElseThrow();
            text.append(asked).append(" asked, ").append(unanswered).append(" unanswered (").append(percent(unanswered, asked))
                    .append("%); the busiest day was ").append(Dates.day(busiest.day())).append(" (")
                    .append(busiest.asked()).append(").");
        }
        if (unanswered > 0) {
            text.append("\n- ").append(Markup.code("/unanswered")).append(" lists the unanswered ones: good FAQ entries "
                    + "to write.");
        }
        byte[] png = charts.png(List.of(membersPanel(perWeek), questionsPanel(days, asked, unanswered)), WIDTH,
                PANEL_HEIGHT);
        return new Reply(text.toString(), List.of(List.of(new Button("Unanswered", "/unanswered"))))
                .withAttachment(Attachment.png(FILE_NAME, png, "Learners per week of the plan, and questions per day "
                        + "over the last " + DAYS + " days (unanswered in orange)"));
    }

    private ChartRenderer.Panel membersPanel(Map<Integer, Integer> perWeek) {
        int weeks = roadmap.weeks().size();
        List<String> labels = new ArrayList<>(weeks);
        int[] counts = new int[weeks];
        for (int week = 1; week <= weeks; week++) {
            labels.add(Integer.toString(week));
            counts[week - 1] = perWeek.getOrDefault(week, 0);
        }
        return new ChartRenderer.Panel("Learners per week of the plan", "week", "learners", labels,
                List.of(new ChartRenderer.Series("learners", counts)));
    }

    private static ChartRenderer.Panel questionsPanel(List<QuestionLog.Day> days, int asked, int unanswered) {
        List<String> labels = days.stream().map(day -> DAY_LABEL.format(day.day())).toList();
        int[] answeredCounts = days.stream().mapToInt(day -> day.asked() - day.unanswered()).toArray();
        int[] unansweredCounts = days.stream().mapToInt(QuestionLog.Day::unanswered).toArray();
        String title = "Questions per day, last " + DAYS + " days"
                + (asked == 0 ? "" : " (" + percent(unanswered, asked) + "% unanswered)");
        return new ChartRenderer.Panel(title, "day", "questions", labels,
                List.of(new ChartRenderer.Series("answered", answeredCounts),
                        new ChartRenderer.Series("unanswered", unansweredCounts)));
    }

    private static long percent(int part, int whole) {
        return Math.round(100.0 * part / whole);
    }
}
