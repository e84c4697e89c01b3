package dev.mentor.search;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

/**
 * Tells a question written in another language from an English one: by its script (Cyrillic,
 * Chinese, Arabic...) or, in Latin script, by the function words of other languages that Lucene
 * ships ("como", "pourquoi", "wie", "bagaimana"). Technical words are the same in every
 * language, so they never count either way.
 */
final class Languages {

    /** A foreign-script question has at least this share of its letters outside Latin. */
    private static final double FOREIGN_SCRIPT_SHARE = 0.3;
    /** A Latin-script question is foreign with at least this many, and this share, of foreign function words. */
    private static final int FOREIGN_WORDS = 2;
    private static final double FOREIGN_WORD_SHARE = 0.2;
    /** Function words of other languages that are also English words learners type. */
    private static final Set<String> ALSO_ENGLISH = Set.of("a", "an", "also", "as", "at", "be", "come", "da", "die",
            "do", "door", "had", "has", "hat", "i", "in", "is", "la", "man", "me", "more", "no", "on", "or", "over",
            "sale", "so", "son", "te", "to", "under", "war", "was", "will", "we", "van", "den", "per", "non",
            "e", "o", "y", "ist", "se", "si", "the", "el", "un", "les", "des", "via", "post", "sea", "sin",
            "bin", "dan", "ada", "para", "pada");

    private final CharArraySet english;
    private final List<CharArraySet> others = List.of(SpanishAnalyzer.getDefaultStopSet(),
            PortugueseAnalyzer.getDefaultStopSet(), FrenchAnalyzer.getDefaultStopSet(),
            GermanAnalyzer.getDefaultStopSet(), ItalianAnalyzer.getDefaultStopSet(),
            DutchAnalyzer.getDefaultStopSet(), IndonesianAnalyzer.getDefaultStopSet(),
            TurkishAnalyzer.getDefaultStopSet());

    Languages(CharArraySet questionFiller) {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        words.addAll(questionFiller);
        this.english = words;
    }

    /** Is the question most likely not in English? */
    boolean isForeign(String text, List<String> surfaceWords) {
        int letters = 0;
        int foreignLetters = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
                    foreignLetters++;
                }
            }
        }
        if (letters > 0 && foreignLetters >= FOREIGN_SCRIPT_SHARE * letters) {
            return true;
        }
        int foreign = 0;
        for (String word : surfaceWords) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (!english.contains(lower) && !ALSO_ENGLISH.contains(lower)
                    && others.stream().anyMatch(stop -> stop.contains(lower))) {
                foreign++;
            }
        }
        return foreign >= FOREIGN_WORDS && foreign >= FOREIGN_WORD_SHARE * surfaceWords.size();
    }
}
