package dev.herald.activities.provider.capture;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Whether pushes of apps without credentials for a push service are captured (S4's dev
 * sandbox) or fail as {@code <service>:no_credentials}. On when Herald runs on its embedded
 * defaults, off against a Temporal cluster: in production a missing credential is an error,
 * not a silent success.
 */
@ConfigurationProperties("herald.capture")
public record CaptureSettings(@Bindable(defaultValue = "false") boolean enabled) {
}
