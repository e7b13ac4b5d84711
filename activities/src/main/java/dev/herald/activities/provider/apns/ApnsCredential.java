package dev.herald.activities.provider.apns;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import dev.herald.domain.credential.StoredCredential;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * An APNs token-auth credential (.p8 signing key) as stored: key id, team id, bundle id and
 * the environment used for devices registered as plain {@code APNS}.
 */
public record ApnsCredential(String keyId, String teamId, String bundleId, boolean sandbox, String fingerprint) {

    public static final String AUTH_TYPE = "authType";
    public static final String KEY_ID = "keyId";
    public static final String TEAM_ID = "teamId";
    public static final String BUNDLE_ID = "bundleId";
    public static final String ENVIRONMENT = "environment";

    public static ApnsCredential of(StoredCredential stored) {
        var s = stored.settings();
        return new ApnsCredential(s.get(KEY_ID), s.get(TEAM_ID), s.get(BUNDLE_ID),
                "sandbox".equals(s.get(ENVIRONMENT)), stored.fingerprint());
    }

    /** Whether a PEM text is a usable APNs signing key (PKCS#8, P-256), as Pushy will load it. */
    public static boolean isSigningKey(String pem, String teamId, String keyId) {
        try {
            ApnsSigningKey.loadFromInputStream(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)), teamId, keyId);
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
