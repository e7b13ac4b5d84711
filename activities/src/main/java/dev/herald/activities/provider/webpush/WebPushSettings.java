package dev.herald.activities.provider.webpush;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * How Herald talks to browsers' push services.
 *
 * @param subject                   the VAPID {@code sub} contact (mailto: or https:) of apps that set none; without
 *                                  either, an app's Web Push devices are not pushed for real (see {@link VapidKeys#contact})
 * @param endpointAllowList         addresses exempt from the SSRF guard; for tests only (a local push endpoint)
 * @param trustedServerCertificate  a PEM certificate to trust instead of the JDK's CAs; for tests only
 */
@ConfigurationProperties("herald.webpush")
public record WebPushSettings(@Nullable String subject,
                              @Nullable List<String> endpointAllowList,
                              @Nullable String trustedServerCertificate,
                              @Bindable(defaultValue = "10s") Duration connectTimeout,
                              @Bindable(defaultValue = "30s") Duration responseTimeout,
                              @Bindable(defaultValue = "500") int maxInFlight) {

    public List<String> allowList() {
        return endpointAllowList == null ? List.of() : endpointAllowList;
    }
}
