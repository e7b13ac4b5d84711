package dev.herald.api.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * How Herald fetches an app's JWKS (the key set of the customer's identity provider). Any
 * caller can make Herald fetch it by presenting a token naming the app, so the fetch is
 * bounded in time, size and frequency, and guarded like Web Push endpoints.
 *
 * @param connectTimeout           how long a connection may take
 * @param readTimeout              how long the key set may take to arrive once connected (also per read)
 * @param maxBytes                 the largest key set read; a larger answer fails the fetch
 * @param minFetchInterval         at most one fetch per app in this interval, whatever callers send
 * @param cacheTtl                 how long fetched keys are used before they are fetched again (once the interval allows)
 * @param addressAllowList         addresses exempt from the SSRF guard; for tests only (a local key server)
 * @param trustedServerCertificate a PEM certificate to trust instead of the JDK's CAs; for tests only
 */
@ConfigurationProperties("herald.jwks")
public record JwksSettings(@Bindable(defaultValue = "2s") Duration connectTimeout,
                           @Bindable(defaultValue = "2s") Duration readTimeout,
                           @Bindable(defaultValue = "262144") int maxBytes,
                           @Bindable(defaultValue = "60s") Duration minFetchInterval,
                           @Bindable(defaultValue = "10m") Duration cacheTtl,
                           @Nullable List<String> addressAllowList,
                           @Nullable String trustedServerCertificate) {

    public List<String> allowList() {
        return addressAllowList == null ? List.of() : addressAllowList;
    }
}
