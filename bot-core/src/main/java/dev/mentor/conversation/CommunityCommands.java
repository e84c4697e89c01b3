package dev.mentor.conversation;

import dev.mentor.chat.Dates;
import dev.mentor.chat.Reply;
import dev.mentor.chat.Markup;
import dev.mentor.chat.IncomingMessage;
import dev.mentor.charts.ChartRenderer;
import dev.mentor.communities.Communities;
import dev.mentor.communities.Community;
import dev.mentor.communities.CommunityListener;
import dev.mentor.communities.FaqEntries;
import dev.mentor.communities.QuestionLog;
import dev.mentor.knowledge.Roadmap;
import dev.mentor.learners.Learners;
import dev.mentor.search.FaqEntry;
import java.time.Duration;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * What a community's admins set: the weekly digest (on or off, where, when, in which zone) and
 * whether the mentor answers plain mentions. The platform says who is an admin; nobody else
 * gets past the dispatcher's check.
 */
public final class CommunityCommands {

    static final int UNANSWERED_SHOWN = 10;
    static final Duration UNANSWERED_PERIOD = Duration.ofDays(30);

    private final Communities communities;
    private final FaqEntries faq;
    private final QuestionLog questions;
    private final Answers answers;
    private final CommunityListener listener;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final TimeZones zones = new TimeZones();
    private final CommunityStats stats;

    /**
     * @param answers  what answers a question now: whether the FAQ covers an unanswered one
     * @param learners who is in which week, for {@code /stats}
     * @param charts   draws {@code /stats}'s charts
     */
    public CommunityCommands(Roadmap roadmap, Communities communities, FaqEntries faq, QuestionLog questions,
            Answers answers, Learners learners, ChartRenderer charts, CommunityListener listener, Clock clock,
            ZoneId defaultZone) {
        this.stats = new CommunityStats(roadmap, learners, questions, charts, clock);
        this.communities = communities;
        this.faq = faq;
        this.questions = questions;
        this.answers = answers;
        this.listener = listener;
        this.clock = clock;
        this.defaultZone = defaultZone;
    }

    /**
     * The community the message came from, recorded on first use. The dispatcher has already made sure the
     * command was sent inside a community by one of its admins.
     */
    private Community community(IncomingMessage message) {
        return communities.findOrCreate(message.platform(), message.communityId(), message.communityId(),
                defaultZone, clock.instant());
    }

    /** Whether the mentor answers plain mentions in this community (yes until its admins say otherwise). */
    boolean answersMentions(String platform, String communityId) {
        return communities.find(platform, communityId).map(Community::answerMentions).orElse(true);
    }

    Reply digest(IncomingMessage message, String argument) {
        Community community = community(message);
        String usage = "Usage: " + Markup.code("/digest on") + " (posts here), " + Markup.code("/digest off") + ", "
                + Markup.code("/digest DAY TIME") + " (for example " + Markup.code("/digest monday 10:00") + " or "
                + Markup.code("/digest fri 5pm") + ") or " + Markup.code("/digest zone ZONE") + " (a city, an IANA "
                + "zone, an abbreviation or a UTC offset).";
        String[] words = argument.isBlank() ? new String[0] : argument.strip().split("\\s+");
        if (words.length == 0) {
            return Reply.of(describe(community) + "\n\n" + usage);
        }
        Community changed;
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "on" -> changed = community.withDigest(true, message.conversationId());
            case "off" -> changed = community.withDigest(false, community.digestConversation());
            case "zone", "timezone" -> {
                String zoneText = argument.strip().substring(words[0].length()).strip();
                switch (zones.read(zoneText)) {
                    case TimeZones.Ask ask -> {
                        return new Reply(ask.question(), TimeZones.buttons(ask.options(), "/digest zone"));
                    }
                    case TimeZones.Unknown unknown -> {
                        return new Reply(unknown.problem() + " " + usage,
                                TimeZones.buttons(unknown.suggestions(), "/digest zone"));
                    }
                    case TimeZones.Found zone -> {
                        changed = community.withZone(zone.zone());
                        communities.update(changed);
                        listener.communityChanged(changed);
                        return Reply.of((zone.note().isEmpty() ? "" : zone.note() + " ")
                                + Dates.localNow(ZonedDateTime.now(clock).withZoneSameInstant(zone.zone())) + ". "
                                + describe(changed));
                    }
                }
            }
            default -> {
                switch (WeeklyTime.read(argument, new WeeklyTime(community.digestDay(), community.digestTime()))) {
                    case WeeklyTime.Unreadable unreadable -> {
                        return Reply.of(unreadable.problem() + " " + usage);
                    }
                    case WeeklyTime.OneAWeek several -> {
                        return WeeklyTime.oneAWeek(several, "/digest", "digest");
                    }
                    case WeeklyTime.Chosen chosen ->
                            changed = community.withDigestTime(chosen.when().day(), chosen.when().time());
                }
            }
        }
        communities.update(changed);
        listener.communityChanged(changed);
        return Reply.of(describe(changed));
    }

    Reply mentions(IncomingMessage message, String argument) {
        Community community = community(message);
        String choice = argument.strip().toLowerCase(Locale.ROOT);
        if (!choice.equals("on") && !choice.equals("off")) {
            return Reply.of("I " + (community.answerMentions() ? "answer" : "don't answer")
                    + " plain mentions here. Usage: " + Markup.code("/mentions on") + " or " + Markup.code("/mentions off")
                    + ".");
        }
        Community changed = community.withAnswerMentions(choice.equals("on"));
        communities.update(changed);
        return Reply.of(changed.answerMentions()
                ? "I'll answer messages that mention me here, as well as commands."
                : "I'll answer only commands here, not plain mentions.");
    }

    Reply faq(IncomingMessage message, String argument) {
        Community community = community(message);
        String usage = "Usage: " + Markup.code("/faq add QUESTION | ANSWER") + ", " + Markup.code("/faq list") + " or "
                + Markup.code("/faq remove ID") + ". For example: " + Markup.code("/faq add where do we meet | "
                + "Thursdays at 18:00 in the #study voice channel") + ".";
        String trimmed = argument.strip();
        int space = trimmed.indexOf(' ');
        String verb = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
        return switch (verb) {
            case "add" -> addFaq(community, rest, usage);
            case "list" -> listFaq(community, usage);
            case "remove", "delete" -> removeFaq(community, rest, usage);
            default -> Reply.of(usage);
        };
    }

    private Reply addFaq(Community community, String rest, String usage) {
        int bar = rest.indexOf('|');
        String question = bar < 0 ? "" : rest.substring(0, bar).strip();
        String answer = bar < 0 ? "" : rest.substring(bar + 1).strip();
        if (question.isEmpty() || answer.isEmpty()) {
            return Reply.of("Give a question and its answer separated by " + Markup.code("|") + ". " + usage);
        }
        if (question.length() > FaqEntries.MAX_QUESTION || answer.length() > FaqEntries.MAX_ANSWER) {
            return Reply.of("That entry is too long: a question holds up to " + FaqEntries.MAX_QUESTION
                    + " characters and an answer up to " + FaqEntries.MAX_ANSWER + ".");
        }
        FaqEntry entry = faq.add(community.platform(), community.communityId(), question, answer, clock.instant());
        return Reply.of("Added FAQ entry " + Markup.code(entry.id()) + ": " + Markup.bold(question)
                + ". Learners here get it from now on; " + Markup.code("/faq remove " + entry.id())
                + " takes it back.");
    }

    private Reply listFaq(Community community, String usage) {
        List<FaqEntry> entries = faq.list(community.platform(), community.communityId());
        if (entries.isEmpty()) {
            return Reply.of("This community has no FAQ entries yet. " + usage);
        }
        StringBuilder text = new StringBuilder("**This community's FAQ** (" + entries.size() + ")\n\n");
        for (FaqEntry entry : entries) {
            text.append("- ").append(Markup.code(entry.id())).append(' ').append(Markup.bold(entry.question()))
                    .append(": ").append(Markup.escape(shorten(entry.answer(), 120))).append('\n');
        }
        return Reply.of(text.toString().strip());
    }

    private Reply removeFaq(Community community, String rest, String usage) {
        if (rest.isEmpty() || rest.length() > 12 || !rest.matches("[a-zA-Z0-9]+")) {
            return Reply.of("Give the id of the entry to remove (" + Markup.code("/faq list") + " shows them). "
                    + usage);
        }
        return faq.remove(community.platform(), community.communityId(), rest.toLowerCase(Locale.ROOT))
                ? Reply.of("Removed FAQ entry " + Markup.code(rest.toLowerCase(Locale.ROOT)) + ".")
                : Reply.of("This community has no FAQ entry " + Markup.code(rest) + ". "
                        + Markup.code("/faq list") + " shows them.");
    }

    Reply unanswered(IncomingMessage message) {
        Community community = community(message);
        List<QuestionLog.Unanswered> open = questions.unanswered(community.platform(), community.communityId(),
                        clock.instant().minus(UNANSWERED_PERIOD)).stream()
                .filter(question -> !answeredByFaqNow(community, question))
                .toList();
        if (open.isEmpty()) {
            return Reply.of("No unanswered questions in the last 30 days: every question here found an answer "
                    + "nobody voted down, or this community's FAQ answers it now.");
        }
        StringBuilder text = new StringBuilder("**Unanswered in the last 30 days**, most asked first. Each is a good "
                + "FAQ entry to write with " + Markup.code("/faq add QUESTION | ANSWER") + ":\n\n");
        int n = 1;
        for (QuestionLog.Unanswered question : open.subList(0, Math.min(open.size(), UNANSWERED_SHOWN))) {
            text.append(n++).append(". ").append(Markup.escape(shorten(question.example(), 200)))
                    .append(" × ").append(question.times()).append('\n');
        }
        if (open.size() > UNANSWERED_SHOWN) {
            text.append("…and ").append(open.size() - UNANSWERED_SHOWN).append(" more.");
        }
        return Reply.of(text.toString().strip());
    }

    /** Learners per week of the plan and questions per day, as a short text and a chart. */
    Reply stats(IncomingMessage message) {
        return stats.reply(community(message));
    }

    /**
     * Whether one of the community's FAQ entries answers the question now, picked as {@link Answers}
     * picks it; an entry learners voted down for this very wording does not count.
     */
    private boolean answeredByFaqNow(Community community, QuestionLog.Unanswered question) {
        return answers.winningFaqEntry(community.platform(), community.communityId(), question.example())
                .filter(match -> !question.votedDown().contains(Answers.faqKey(match.entry())))
                .isPresent();
    }

    Reply vote(IncomingMessage message, String argument) {
        String[] words = argument.strip().split("\\s+", -1);
        if (words.length != 2 || !(words[0].equals("up") || words[0].equals("down")) || words[1].length() > 12) {
            return Reply.of("Vote with the buttons under an answer.");
        }
        return switch (questions.vote(message.platform(), message.userId(), words[1], words[0].equals("up"),
                clock.instant())) {
            case COUNTED -> Reply.of(words[0].equals("up") ? "Thanks! Glad it helped."
                    : "Thanks for saying so. I've put the question on the list for this community's admins.");
            case ALREADY_VOTED -> Reply.of("You've already voted on this answer; your first vote counts.");
            case UNKNOWN_ANSWER -> Reply.of("I can't find that answer any more, so there's nothing to vote on.");
        };
    }

    private static String shorten(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }

    private static String describe(Community community) {
        String when = Dates.weekly(community.digestDay(), community.digestTime(), community.zone());
        if (!community.digestOn()) {
            return "The weekly digest is **off**. When on, it comes " + when + ".";
        }
        return "The weekly digest is **on**: " + when + ", in this community's digest channel. "
                + "It shows the stage and week most members are in, the questions asked most this week, and new FAQ "
                + "entries.";
    }
}
