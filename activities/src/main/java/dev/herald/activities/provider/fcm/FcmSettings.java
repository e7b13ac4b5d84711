package dev.herald.activities.provider.fcm;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How Herald talks to FCM. {@code rootUrl} replaces {@code https://fcm.googleapis.com} (tests
 * point it at a local FCM v1 server); left empty, the Firebase Admin SDK's own transport is used.
 * {@code tokenUrl} likewise replaces Google's OAuth token endpoint, for tests only: the
 * {@code token_uri} inside an uploaded key file is never followed.
 */
@ConfigurationProperties("herald.fcm")
public record FcmSettings(@Nullable String rootUrl,
                          @Nullable String tokenUrl,
                          @Bindable(defaultValue = "200") int maxInFlightPerCredential,
                          @Bindable(defaultValue = "10s") Duration connectTimeout,
                          @Bindable(defaultValue = "30s") Duration readTimeout) {
}
