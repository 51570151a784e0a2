package dev.llmhealth.adapters.probes.models;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a cap: a probe needs the start of it, and an upstream streaming
 * without end must not fill the heap.
 *
 * @param truncated true when the body went on past the cap (the connection was then dropped)
 */
record CappedBody(String text, boolean truncated) {

    static HttpResponse.BodyHandler<CappedBody> handler(int maxBytes) {
        return responseInfo -> new Subscriber(maxBytes);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<CappedBody> {
        private final int maxBytes;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<CappedBody> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Subscriber(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<CappedBody> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), maxBytes - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
                if (buffer.hasRemaining()) {
                    subscription.cancel();
                    body.complete(new CappedBody(text(), true));
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(new CappedBody(text(), false));
        }

        private String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
