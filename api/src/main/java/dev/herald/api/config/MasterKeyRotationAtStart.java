package dev.herald.api.config;

import dev.herald.domain.crypto.MasterKeyRotation;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** At start, secrets sealed under an older master key move to the active one. */
@Singleton
public class MasterKeyRotationAtStart implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyRotationAtStart.class);

    private final MasterKeyRotation rotation;

    public MasterKeyRotationAtStart(MasterKeyRotation rotation) {
        this.rotation = rotation;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        int moved = rotation.resealAll();
        if (moved > 0) {
            LOG.info("Re-sealed {} secrets under the active master key; older keys may now be removed", moved);
        }
    }
}
