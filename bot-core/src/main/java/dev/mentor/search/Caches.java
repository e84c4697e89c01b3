package dev.mentor.search;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

/**
 * Per-word and per-question results remembered: learners reuse a small vocabulary, so the same words
 * come back all the time. Caffeine keeps the most useful {@code capacity} of them.
 */
final class Caches {

    private Caches() {
    }

    static <K, V> LoadingCache<K, V> bounded(int capacity, CacheLoader<K, V> compute) {
        // Evictions run on the caller's thread: no work handed to the common pool by a search.
        return Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build(compute);
    }
}
