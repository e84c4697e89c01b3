package dev.mentor.chat;

/**
 * A button under a reply. Pressing it is the same as sending {@code command}, so every platform
 * handles presses like typed commands (and a console shows the command to type).
 */
public record Button(String label, String command) {

    /** Telegram's callback data holds 64 bytes; commands stay well within that. */
    public static final int MAX_COMMAND_BYTES = 64;

    public Button {
        if (command.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_COMMAND_BYTES) {
            throw new IllegalArgumentException("Button command longer than " + MAX_COMMAND_BYTES + " bytes: " + command);
        }
    }
}
