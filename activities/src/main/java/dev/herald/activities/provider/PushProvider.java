package dev.herald.activities.provider;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A push service adapter. Implementations never throw for a device: failures are outcomes. */
public interface PushProvider {

    CompletableFuture<ProviderOutcome> send(PushRequest request);

    /** Sends several pushes; providers that can batch (e.g. one database write) override this. */
    default List<CompletableFuture<ProviderOutcome>> sendAll(List<PushRequest> requests) {
        return requests.stream().map(this::send).toList();
    }
}
