package dev.mentor.conversation;

/** A text progress bar that reads the same on every platform: "▓▓▓░░░░░░░ 30%". */
public final class ProgressBar {

    private static final int WIDTH = 10;

    private ProgressBar() {
    }

    public static String of(int done, int total) {
        int percent = total == 0 ? 0 : (int) Math.floor(100.0 * done / total);
        int filled = total == 0 ? 0 : (int) Math.round((double) WIDTH * done / total);
        return "▓".repeat(filled) + "░".repeat(WIDTH - filled) + " " + percent + "%";
    }
}
