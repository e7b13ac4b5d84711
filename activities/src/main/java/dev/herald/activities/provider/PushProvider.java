package dev.herald.activities.provider;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A push service adapter. Implementations never throw for a device: failures are outcomes. */
public interface PushProvider {

    CompletableFuture<ProviderOutcome> send(PushRequest request);

    /**
     * Sends, running {@code heartbeat} while the push waits for room (providers with an in-flight
     * bound override this; the others never wait before sending).
     */
    default CompletableFuture<ProviderOutcome> send(PushRequest request, Runnable heartbeat) {
        return send(request);
    }

    /** Sends several pushes; providers that can batch (e.g. one database write) override this. */
    default List<CompletableFuture<ProviderOutcome>> sendAll(List<PushRequest> requests) {
        return requests.stream().map(this::send).toList();
    }
}
