package dev.herald.api.temporal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * @param address       a Temporal frontend (host:port); empty starts the in-process service
 * @param embeddedPort  where the in-process service listens
 * @param workerEnabled whether this process polls for work (API-only pods set it false)
 * @param uiUrl         the Temporal UI that API responses link runs to
 */
@ConfigurationProperties("temporal")
public record TemporalSettings(@Nullable String address,
                               @Bindable(defaultValue = "default") String namespace,
                               @Bindable(defaultValue = "herald") String taskQueue,
                               @Bindable(defaultValue = "7233") int embeddedPort,
                               @Bindable(defaultValue = "true") boolean workerEnabled,
                               @Bindable(defaultValue = "http://localhost:8233") String uiUrl) {

    public boolean embedded() {
        return address == null || address.isBlank();
    }
}
