package dev.herald.api.temporal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.Optional;

/**
 * @param address       a Temporal frontend (host:port); empty starts the in-process service
 * @param embeddedPort  where the in-process service listens (on loopback only)
 * @param workerEnabled whether this process polls for work (API-only pods set it false)
 * @param uiUrl         the Temporal UI that API responses link runs to; unset, a cluster's UI is assumed
 *                      at {@code http://localhost:8233} and the embedded service (which has no UI) gets no links
 * @param apiKey        an API key (Temporal Cloud), sent as a bearer token over TLS
 * @param tls           TLS to the frontend without a client certificate
 * @param tlsCertPath   a client certificate (PEM) for mutual TLS, with {@code tlsKeyPath} (PKCS #8 PEM)
 */
@ConfigurationProperties("temporal")
public record TemporalSettings(@Nullable String address,
                               @Bindable(defaultValue = "default") String namespace,
                               @Bindable(defaultValue = "herald") String taskQueue,
                               @Bindable(defaultValue = "7233") int embeddedPort,
                               @Bindable(defaultValue = "true") boolean workerEnabled,
                               @Nullable String uiUrl,
                               @Nullable String apiKey,
                               @Bindable(defaultValue = "false") boolean tls,
                               @Nullable String tlsCertPath,
                               @Nullable String tlsKeyPath) {

    /** Where a Temporal dev server or the compose file's UI listens. */
    public static final String CLUSTER_UI_URL = "http://localhost:8233";

    public boolean embedded() {
        return address == null || address.isBlank();
    }

    /** The Temporal UI that API responses link runs to, if there is one. */
    public Optional<String> linkedUiUrl() {
        if (present(uiUrl)) {
            return Optional.of(uiUrl.strip());
        }
        return embedded() ? Optional.empty() : Optional.of(CLUSTER_UI_URL);
    }

    public boolean mutualTls() {
        return present(tlsCertPath) || present(tlsKeyPath);
    }

    public boolean usesApiKey() {
        return present(apiKey);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
