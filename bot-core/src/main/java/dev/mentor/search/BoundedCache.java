package dev.mentor.search;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers per-word results: learners reuse a small vocabulary, so the same words come back
 * all the time. Emptied when full, which bounds memory without bookkeeping on every hit.
 */
final class BoundedCache<K, V> {

    private final int capacity;
    private final Function<K, V> compute;
    private final Map<K, V> entries = new ConcurrentHashMap<>();

    BoundedCache(int capacity, Function<K, V> compute) {
        this.capacity = capacity;
        this.compute = compute;
    }

    V get(K key) {
        V value = entries.get(key);
        if (value == null) {
            if (entries.size() >= capacity) {
                entries.clear();
            }
            value = compute.apply(key);
            entries.put(key, value);
        }
        return value;
    }
}
