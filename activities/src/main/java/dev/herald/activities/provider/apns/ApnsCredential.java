package dev.herald.activities.provider.apns;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.herald.domain.credential.StoredCredential;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An APNs credential as stored: either token auth (a .p8 signing key: key id, team id) or
 * certificate auth (a .p12 client certificate and its password), the bundle id, and the
 * environment used for devices registered as plain {@code APNS}.
 *
 * @param identity what one connection to APNs is bound to: a team's signing key, or a
 *                 certificate's subject (a renewed certificate keeps it)
 */
public record ApnsCredential(AuthType authType, String keyId, String teamId, String bundleId, boolean sandbox,
                             String fingerprint, String identity) {

    public enum AuthType { TOKEN, CERTIFICATE }

    public static final String AUTH_TYPE = "authType";
    public static final String KEY_ID = "keyId";
    public static final String TEAM_ID = "teamId";
    public static final String BUNDLE_ID = "bundleId";
    public static final String ENVIRONMENT = "environment";
    public static final String CERTIFICATE_SUBJECT = "certificateSubject";
    public static final String CERTIFICATE_EXPIRES_AT = "certificateExpiresAt";
    public static final String CERTIFICATE_SHA256 = "certificateSha256";

    private static final Gson GSON = new Gson();

    public static ApnsCredential of(StoredCredential stored) {
        var s = stored.settings();
        boolean sandbox = "sandbox".equals(s.get(ENVIRONMENT));
        if ("certificate".equals(s.get(AUTH_TYPE))) {
            return new ApnsCredential(AuthType.CERTIFICATE, null, null, s.get(BUNDLE_ID), sandbox, stored.fingerprint(),
                    "certificate:" + s.get(CERTIFICATE_SUBJECT));
        }
        return new ApnsCredential(AuthType.TOKEN, s.get(KEY_ID), s.get(TEAM_ID), s.get(BUNDLE_ID), sandbox, stored.fingerprint(),
                "token:" + s.get(TEAM_ID) + "/" + s.get(KEY_ID));
    }

    /** The settings stored in the clear for a certificate credential: what the certificate says, never the key. */
    public static Map<String, String> certificateSettings(ApnsCertificate certificate, String bundleId, String environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(AUTH_TYPE, "certificate");
        settings.put(BUNDLE_ID, bundleId);
        settings.put(ENVIRONMENT, environment);
        settings.put(CERTIFICATE_SUBJECT, certificate.subject());
        settings.put(CERTIFICATE_EXPIRES_AT, certificate.expiresAt().toString());
        settings.put(CERTIFICATE_SHA256, certificate.sha256());
        return settings;
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

    /** A .p12 file and its password: the secret of a certificate credential, sealed as one. */
    public record CertificateSecret(byte[] p12, String password) {

        public byte[] encode() {
            JsonObject json = new JsonObject();
            json.addProperty("p12", Base64.getEncoder().encodeToString(p12));
            json.addProperty("password", password);
            return GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
        }

        public static CertificateSecret decode(byte[] secret) {
            JsonObject json = GSON.fromJson(new String(secret, StandardCharsets.UTF_8), JsonObject.class);
            return new CertificateSecret(Base64.getDecoder().decode(json.get("p12").getAsString()), json.get("password").getAsString());
        }
    }
}
