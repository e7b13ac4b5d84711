package dev.herald.activities.provider.onesignal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** Where OneSignal's REST API is (tests point it at a local server). */
@ConfigurationProperties("herald.onesignal")
public record OneSignalSettings(@Bindable(defaultValue = "https://api.onesignal.com") String apiUrl,
                                @Bindable(defaultValue = "10s") Duration connectTimeout,
                                @Bindable(defaultValue = "30s") Duration responseTimeout) {
}
