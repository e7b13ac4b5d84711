package dev.herald.activities.recurring;

import dev.herald.domain.recurring.RecurringSend;
import dev.herald.domain.recurring.RecurringSendStore;
import dev.herald.domain.send.SendStore;
import dev.herald.workflows.recurring.FiredSend;
import dev.herald.workflows.recurring.RecurringSendActivities;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class RecurringSendActivitiesImpl implements RecurringSendActivities {

    private final RecurringSendStore recurring;
    private final SendStore sends;

    public RecurringSendActivitiesImpl(RecurringSendStore recurring, SendStore sends) {
        this.recurring = recurring;
        this.sends = sends;
    }

    @Override
    public FiredSend createSend(UUID recurringSendId, String firingId) {
        Optional<RecurringSend> found = recurring.findById(recurringSendId);
        if (found.isEmpty()) {
            return null;
        }
        RecurringSend r = found.get();
        // the firing's workflow id as idempotency key: a retried activity finds the send it made
        SendStore.Keyed keyed = sends.createIdempotent(r.template().toNewSend(r.orgId(), r.id()), "recurring:" + firingId,
                "recurring:" + r.id(), Instant.now());
        UUID sendId = keyed.replayed() ? keyed.existingSendId() : keyed.created().send().id();
        return new FiredSend(sendId, r.orgId(), "Recurring send \"" + r.name() + "\"");
    }
}
