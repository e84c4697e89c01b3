package dev.mentor.discord;

import dev.mentor.conversation.Button;
import dev.mentor.conversation.Markup;
import dev.mentor.conversation.Reply;
import java.util.List;

/** What the mentor posts once when it joins a server: what it does, and how admins set it up. */
final class Welcome {

    private Welcome() {
    }

    static Reply reply() {
        String text = """
                **Hello! I'm the backend mentor.** I guide members through a week-by-week roadmap to \
                their first backend developer job, answer their questions and remind them of their goals.

                **For everyone**
                - %s: ask me anything about backend development
                - %s: enroll; %s shows your week's goals, %s your progress (only you see those answers)
                - %s and %s: browse the plan

                **For admins** (members who can Manage Server)
                - %s in a channel: post the weekly digest there (reminders of members whose DMs are closed go there too)
                - %s and %s: when the digest goes out
                - %s or %s: whether I answer messages that mention me
                """.formatted(Markup.code("/ask"), Markup.code("/start"), Markup.code("/week"),
                Markup.code("/progress"), Markup.code("/roadmap"), Markup.code("/topic"), Markup.code("/digest on"),
                Markup.code("/digest schedule"), Markup.code("/digest zone"), Markup.code("/mentions on"),
                Markup.code("/mentions off"));
        return new Reply(text.strip(), List.of(List.of(new Button("Help", "/help"), new Button("Roadmap", "/roadmap"))));
    }
}
