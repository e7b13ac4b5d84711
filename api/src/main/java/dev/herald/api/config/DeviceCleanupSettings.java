package dev.herald.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param disabledGrace   how long a device disabled for a dead token is kept before it is deleted
 * @param cleanupInterval how often the cleanup schedule runs
 */
@ConfigurationProperties("herald.devices")
public record DeviceCleanupSettings(@Bindable(defaultValue = "30d") Duration disabledGrace,
                                    @Bindable(defaultValue = "1h") Duration cleanupInterval) {
}
