package dev.mentor.telegram;

import java.time.Duration;

/** Waiting, kept apart so tests can check a wait without spending it. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = duration -> {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
