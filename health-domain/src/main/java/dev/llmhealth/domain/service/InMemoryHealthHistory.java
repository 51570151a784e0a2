package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.model.HistoryQuery;
import dev.llmhealth.domain.port.out.HealthHistory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The history of a proxy without a database: the latest {@code capacity} transitions, in memory,
 * lost on restart. The oldest go first once it is full.
 */
public final class InMemoryHealthHistory implements HealthHistory {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final ArrayDeque<HealthTransition> newestLast = new ArrayDeque<>();

    public InMemoryHealthHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(HealthTransition transition) {
        if (newestLast.size() == capacity) {
            newestLast.removeFirst();
        }
        newestLast.addLast(transition);
    }

    @Override
    public synchronized HistoryAnswer query(HistoryQuery query) {
        List<HealthTransition> found = new ArrayList<>(Math.min(query.limit(), newestLast.size()));
        Iterator<HealthTransition> newestFirst = newestLast.descendingIterator();
        while (newestFirst.hasNext() && found.size() < query.limit()) {
            HealthTransition transition = newestFirst.next();
            if (query.matches(transition)) {
                found.add(transition);
            }
        }
        return new HistoryAnswer.Found(found);
    }
}
