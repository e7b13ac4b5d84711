package dev.herald.domain.credential;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A provider credential as kept: non-secret settings in the clear, the secret sealed.
 * {@code version} changes whenever the credential does, so cached clients can tell.
 */
public record StoredCredential(UUID appId,
                               CredentialKind kind,
                               Map<String, String> settings,
                               String secretSealed,
                               String fingerprint,
                               Instant createdAt,
                               Instant updatedAt) {

    public String version() {
        return fingerprint + "@" + updatedAt.toEpochMilli();
    }
}
