package dev.herald.api.temporal;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * On start with the embedded Temporal service, starts again every run the last process left
 * unfinished: sends (paused ones paused), automation runs at their step, live activities with
 * their timers, A/B promotions waiting to decide. Each run's own rules (the ledger, idempotent
 * sends per step, one follow-up per sample) keep anything from going out twice.
 */
@Singleton
@Requires(property = "herald.embedded.rebuild-runs", value = "true")
public class LostRunsRestart implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LostRunsRestart.class);

    private final List<LostRuns> kinds;

    public LostRunsRestart(List<LostRuns> kinds) {
        this.kinds = kinds;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        List<String> restarted = new ArrayList<>();
        for (LostRuns kind : kinds) {
            try {
                int count = kind.restart();
                if (count > 0) {
                    restarted.add(count + " " + kind.kind());
                }
            } catch (RuntimeException e) {
                LOG.error("Could not start the {} of the last process again", kind.kind(), e);
            }
        }
        if (!restarted.isEmpty()) {
            LOG.info("Started again on the embedded Temporal what the last process left unfinished: {}", String.join(", ", restarted));
        }
    }
}
