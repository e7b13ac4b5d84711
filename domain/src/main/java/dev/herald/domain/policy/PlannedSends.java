package dev.herald.domain.policy;

import dev.herald.domain.send.NewSend;
import dev.herald.domain.send.SendStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.UUID;

/**
 * Stores a send together with its plan in one transaction, so no send (and no Idempotency-Key
 * that answers it) is ever seen without the plan it was made with: a replay of the key would
 * otherwise start a send that renders none of its template, variables or variants.
 */
@Singleton
@Transactional
public class PlannedSends {

    private final SendStore sends;
    private final SendPlanner planner;

    public PlannedSends(SendStore sends, SendPlanner planner) {
        this.sends = sends;
        this.planner = planner;
    }

    public SendStore.Created create(NewSend send, SendPlanner.Prepared plan, Instant now) {
        SendStore.Created created = sends.create(send, now);
        planner.save(created.send().id(), plan);
        return created;
    }

    /** As {@link SendStore#createIdempotent}; the plan is stored only with a new send. */
    public SendStore.Keyed createIdempotent(NewSend send, SendPlanner.Prepared plan, String key, String requestHash, Instant now) {
        SendStore.Keyed keyed = sends.createIdempotent(send, key, requestHash, now);
        if (!keyed.replayed()) {
            planner.save(keyed.created().send().id(), plan);
        }
        return keyed;
    }
}
