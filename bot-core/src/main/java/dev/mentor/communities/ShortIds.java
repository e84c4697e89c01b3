package dev.mentor.communities;

import java.security.SecureRandom;

/** Short random ids people can type (FAQ entries, logged questions): no look-alike characters. */
final class ShortIds {

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final SecureRandom random = new SecureRandom();
    private final int length;

    ShortIds(int length) {
        this.length = length;
    }

    String next() {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
