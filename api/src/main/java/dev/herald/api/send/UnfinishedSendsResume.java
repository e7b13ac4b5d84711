package dev.herald.api.send;

import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Temporal keeps runs in memory only, so after a restart the sends PostgreSQL
 * still has as scheduled or running have no workflow. This starts {@code send-<id>} again for
 * each: it waits for the send's time, and the ledger keeps devices already answered from
 * getting the push twice. Against a Temporal cluster the runs survive and this is off.
 */
@Singleton
@Requires(property = "herald.embedded.resume-sends", value = "true")
public class UnfinishedSendsResume implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedSendsResume.class);

    private final SendStore sends;
    private final SendService service;

    public UnfinishedSendsResume(SendStore sends, SendService service) {
        this.sends = sends;
        this.service = service;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        var unfinished = sends.scheduledOrRunning();
        for (Send send : unfinished) {
            try {
                service.start(send);
            } catch (RuntimeException e) {
                LOG.warn("Could not resume send {}", send.id(), e);
            }
        }
        if (!unfinished.isEmpty()) {
            LOG.info("Resumed {} unfinished send(s) on the embedded Temporal", unfinished.size());
        }
    }
}
