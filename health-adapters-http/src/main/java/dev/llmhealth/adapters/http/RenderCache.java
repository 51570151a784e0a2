package dev.llmhealth.adapters.http;

import java.util.function.Function;

/**
 * Keeps the serialized form of the latest view, keyed by the view's identity: the domain hands out
 * the same instance until the next snapshot, so each view is serialized once per snapshot and a
 * request costs one reference comparison.
 */
final class RenderCache<V> {

    private record Entry<V>(V view, HttpAnswer answer) {
    }

    private final Function<V, HttpAnswer> render;
    private volatile Entry<V> latest;

    RenderCache(Function<V, HttpAnswer> render) {
        this.render = render;
    }

    HttpAnswer answerFor(V view) {
        Entry<V> entry = latest;
        if (entry != null && entry.view() == view) {
            return entry.answer();
        }
        HttpAnswer answer = render.apply(view);
        latest = new Entry<>(view, answer);
        return answer;
    }
}
