package dev.mentor.chat;

/** A text progress bar that reads the same on every platform: "▓▓▓░░░░░░░ 30%". */
public final class ProgressBar {

    private static final int WIDTH = 10;

    private ProgressBar() {
    }

    /**
     * Rounded to the nearest cell, except at the ends: any progress shows at least one cell (and
     * "&lt;1%" rather than "0%"), and only all of it fills the bar.
     */
    public static String of(int done, int total) {
        if (total <= 0 || done <= 0) {
            return "░".repeat(WIDTH) + " 0%";
        }
        int filled = (int) Math.round((double) WIDTH * done / total);
        filled = Math.max(1, Math.min(filled, done < total ? WIDTH - 1 : WIDTH));
        int percent = (int) Math.floor(100.0 * Math.min(done, total) / total);
        return "▓".repeat(filled) + "░".repeat(WIDTH - filled) + " " + (percent == 0 ? "<1" : percent) + "%";
    }
}
