package dev.herald.activities.provider.apns;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Where and how Herald talks to APNs. Hosts are Apple's unless overridden (tests point them
 * at a MockApnsServer on loopback, trusting its certificate).
 */
@ConfigurationProperties("herald.apns")
public record ApnsSettings(@Bindable(defaultValue = "api.push.apple.com") String productionHost,
                           @Bindable(defaultValue = "443") int productionPort,
                           @Bindable(defaultValue = "api.sandbox.push.apple.com") String sandboxHost,
                           @Bindable(defaultValue = "443") int sandboxPort,
                           @Nullable String trustedServerCertificate,
                           @Bindable(defaultValue = "1") int connectionsPerClient,
                           @Bindable(defaultValue = "1500") int maxInFlightPerClient,
                           @Bindable(defaultValue = "10s") Duration connectTimeout,
                           @Bindable(defaultValue = "60s") Duration responseTimeout) {
}
