package dev.mentor.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The text analysis shared by indexing and querying: one chain, with learner synonyms added on
 * the query side only (query-time synonyms need no re-indexing and handle multi-word rules).
 */
final class SearchAnalysis {

    private static final String STOP_WORDS = "search/stopwords.txt";
    private static final String SYNONYMS = "search/synonyms.txt";
    private static final String PROTECTED_WORDS = "search/protected-words.txt";
    private static final String HOMONYMS = "search/homonyms.txt";

    /** Words that carry no topic: English stop words plus the filler of questions. */
    final CharArraySet stopWords;
    /** Surface words: lower case, folded, no stemming, no stop words removed. */
    final Analyzer surface;
    /** What the index stores: surface words minus stop words, stemmed. */
    final Analyzer indexing;
    /** What a question becomes: like {@link #indexing} with the synonym graph before stemming. */
    final Analyzer querying;

    SearchAnalysis() {
        CharArraySet stop = new CharArraySet(256, true);
        for (Object word : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
            if (!"no".equals(new String((char[]) word))) { // "no sql" is a learner's way to say NoSQL
                stop.add(word);
            }
        }
        stop.addAll(readWords(STOP_WORDS));
        this.stopWords = CharArraySet.unmodifiableSet(stop);
        CharArraySet unstemmed = CharArraySet.unmodifiableSet(readWords(PROTECTED_WORDS));
        this.surface = new Chain(null, null, null);
        this.indexing = new Chain(stopWords, null, unstemmed);
        this.querying = new Chain(stopWords, readSynonyms(stopWords), unstemmed);
    }

    /** The tokens {@code analyzer} makes of {@code text}, in order. */
    static List<String> tokens(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /**
     * The tokens of {@code text} grouped by position: a word and its synonyms share a group
     * ("k8s" with "kubernet"), so the group can be weighed as one concept.
     */
    static List<List<String>> tokenGroups(Analyzer analyzer, String text) {
        List<List<String>> groups = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (increment.getPositionIncrement() > 0 || groups.isEmpty()) {
                    groups.add(new ArrayList<>());
                }
                groups.getLast().add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }

    /** Every word the synonym map mentions, for the spelling dictionary. */
    Set<String> synonymWords() {
        Set<String> words = new TreeSet<>();
        try (BufferedReader reader = new BufferedReader(open(SYNONYMS))) {
            reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> words.addAll(tokens(surface, line.replace("=>", " "))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SYNONYMS, e);
        }
        return words;
    }

    /** Roadmap words that mean something else elsewhere ("container" in CSS), as typed. */
    Set<String> homonyms() {
        Set<String> words = new TreeSet<>();
        readWords(HOMONYMS).forEach(word -> words.add(new String((char[]) word)));
        return Set.copyOf(words);
    }

    boolean isStopWord(String surfaceWord) {
        return stopWords.contains(surfaceWord);
    }

    private static SynonymMap readSynonyms(CharArraySet stopWords) {
        SolrSynonymParser parser = new SolrSynonymParser(true, true, new Chain(stopWords, null, null));
        try (Reader reader = open(SYNONYMS)) {
            parser.parse(reader);
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SYNONYMS, e);
        } catch (ParseException e) {
            throw new IllegalStateException(SYNONYMS + " line " + e.getErrorOffset() + ": " + e.getMessage(), e);
        }
    }

    private static CharArraySet readWords(String resource) {
        try (Reader reader = open(resource)) {
            return WordlistLoader.getWordSet(reader, "#", new CharArraySet(64, true));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static Reader open(String resource) {
        InputStream in = SearchAnalysis.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + resource);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /**
     * tokenizer -> possessive -> lower case -> ASCII folding -> [stop] -> [synonyms] -> [stem],
     * stemming only when given the words it must leave whole.
     */
    private static final class Chain extends Analyzer {
        private final CharArraySet stopWords;
        private final SynonymMap synonyms;
        private final CharArraySet unstemmed;

        Chain(CharArraySet stopWords, SynonymMap synonyms, CharArraySet unstemmed) {
            this.stopWords = stopWords;
            this.synonyms = synonyms;
            this.unstemmed = unstemmed;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream stream = new EnglishPossessiveFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            if (stopWords != null) {
                stream = new StopFilter(stream, stopWords);
            }
            if (synonyms != null) {
                stream = new SynonymGraphFilter(stream, synonyms, true);
            }
            if (unstemmed != null) {
                stream = new PorterStemFilter(new SetKeywordMarkerFilter(stream, unstemmed));
            }
            return new TokenStreamComponents(source, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            // Keeps two aliases of one topic from forming a phrase across their boundary.
            return 100;
        }
    }
}
