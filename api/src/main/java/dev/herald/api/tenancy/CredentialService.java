package dev.herald.api.tenancy;

import dev.herald.activities.provider.apns.ApnsCertificate;
import dev.herald.activities.provider.apns.ApnsCredential;
import dev.herald.activities.provider.fcm.FcmCredential;
import dev.herald.activities.provider.onesignal.OneSignalMessages;
import dev.herald.activities.provider.webpush.VapidKeys;
import dev.herald.api.error.ApiException;
import dev.herald.domain.FieldError;
import dev.herald.domain.JsonCodec;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.credential.CredentialKind;
import dev.herald.domain.credential.CredentialStore;
import dev.herald.domain.credential.StoredCredential;
import dev.herald.domain.tenancy.TenancyService;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Provider credentials of an app: checked before they are stored, sealed, never shown again. */
@Singleton
public class CredentialService {

    private final TenancyService tenancy;
    private final CredentialStore credentials;
    private final JsonCodec json;

    public CredentialService(TenancyService tenancy, CredentialStore credentials, JsonCodec json) {
        this.tenancy = tenancy;
        this.credentials = credentials;
        this.json = json;
    }

    public StoredCredential putApns(UUID orgId, UUID appId, TenancyRequests.PutApnsCredential request) {
        tenancy.app(orgId, appId);
        String environment = request.environment() == null ? "production" : request.environment();
        if (request.certificate() != null) {
            return putApnsCertificate(appId, request, environment);
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.privateKey() == null) {
            errors.add(new FieldError("privateKey", "an APNs credential needs a .p8 privateKey (token auth) or a .p12 certificate"));
        }
        requireField("keyId", request.keyId(), "is required with privateKey", errors);
        requireField("teamId", request.teamId(), "is required with privateKey", errors);
        requireField("bundleId", request.bundleId(), "is required with privateKey", errors);
        if (request.certificatePassword() != null) {
            errors.add(new FieldError("certificatePassword", "goes with certificate, not with privateKey"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!ApnsCredential.isSigningKey(request.privateKey(), request.teamId(), request.keyId())) {
            throw ApiException.invalid("privateKey", "is not a PEM PKCS#8 P-256 key (the contents of the AuthKey_<keyId>.p8 file)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ApnsCredential.AUTH_TYPE, "token");
        settings.put(ApnsCredential.KEY_ID, request.keyId());
        settings.put(ApnsCredential.TEAM_ID, request.teamId());
        settings.put(ApnsCredential.BUNDLE_ID, request.bundleId());
        settings.put(ApnsCredential.ENVIRONMENT, environment);
        return credentials.put(appId, CredentialKind.APNS, settings, request.privateKey().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Certificate auth: the .p12 must open with its password, hold a private key with its
     * certificate and not have expired. The bundle id defaults to the certificate's topic (the
     * UID Apple puts in its subject) and may not contradict it.
     */
    private StoredCredential putApnsCertificate(UUID appId, TenancyRequests.PutApnsCredential request, String environment) {
        Map<String, String> tokenFields = new LinkedHashMap<>();
        tokenFields.put("privateKey", request.privateKey());
        tokenFields.put("keyId", request.keyId());
        tokenFields.put("teamId", request.teamId());
        List<FieldError> errors = new ArrayList<>();
        tokenFields.forEach((field, value) -> {
            if (value != null) {
                errors.add(new FieldError(field, "goes with privateKey (token auth), not with certificate"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String password = request.certificatePassword() == null ? "" : request.certificatePassword();
        byte[] p12;
        ApnsCertificate certificate;
        try {
            p12 = ApnsCertificate.decode(request.certificate(), "certificate");
            certificate = ApnsCertificate.read(p12, password, Instant.now(), "certificate", "certificatePassword");
        } catch (ApnsCertificate.Unusable e) {
            throw ApiException.invalid(List.of(e.error()));
        }
        String bundleId = request.bundleId() != null ? request.bundleId() : certificate.topic();
        if (bundleId == null) {
            throw ApiException.invalid("bundleId", "is required: the certificate's subject names no bundle id (UID)");
        }
        if (certificate.topic() != null && !certificate.topic().equals(bundleId)) {
            throw ApiException.invalid("bundleId", "the certificate is for " + certificate.topic() + ", not " + bundleId);
        }
        byte[] secret = new ApnsCredential.CertificateSecret(p12, password).encode();
        return credentials.put(appId, CredentialKind.APNS, ApnsCredential.certificateSettings(certificate, bundleId, environment),
                secret, certificate.fingerprint());
    }

    private static void requireField(String field, String value, String message, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, message));
        }
    }

    public StoredCredential putFcm(UUID orgId, UUID appId, TenancyRequests.PutFcmCredential request) {
        tenancy.app(orgId, appId);
        byte[] secret = json.write(request.serviceAccount()).getBytes(StandardCharsets.UTF_8);
        List<FieldError> errors = FcmCredential.validate(request.serviceAccount(), secret);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(FcmCredential.PROJECT_ID, (String) request.serviceAccount().get("project_id"));
        settings.put(FcmCredential.CLIENT_EMAIL, (String) request.serviceAccount().get("client_email"));
        return credentials.put(appId, CredentialKind.FCM, settings, secret);
    }

    /**
     * Sets the app's Web Push credential: imports a VAPID key pair (e.g. when moving from another
     * push server, so subscriptions keep working) and/or sets the contact its pushes are signed
     * with; with no key pair, the app's own is kept and only its contact changes.
     */
    public StoredCredential putWebPush(UUID orgId, UUID appId, TenancyRequests.PutWebPushCredential request) {
        tenancy.app(orgId, appId);
        if (request.publicKey() == null && request.privateKey() == null) {
            if (request.subject() == null) {
                throw ApiException.invalid(List.of(
                        new FieldError("publicKey", "is required with privateKey to import a key pair"),
                        new FieldError("subject", "is required to set the contact of the app's own key pair")));
            }
            StoredCredential own = credentials.find(appId, CredentialKind.WEBPUSH).orElseThrow(() -> ApiException.invalid("subject",
                    "the app has no VAPID key pair to sign with: create one (POST /v1/apps/" + appId
                            + "/webpush/vapid-keys) or import one with publicKey and privateKey"));
            Map<String, String> settings = new LinkedHashMap<>(own.settings());
            settings.put(VapidKeys.SUBJECT, request.subject());
            return credentials.put(appId, CredentialKind.WEBPUSH, settings, credentials.secretOf(own));
        }
        List<FieldError> errors = new ArrayList<>();
        requireField("publicKey", request.publicKey(), "is required with privateKey", errors);
        requireField("privateKey", request.privateKey(), "is required with publicKey", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        VapidKeys keys = new VapidKeys(request.publicKey(), request.privateKey());
        if (!keys.isValid()) {
            throw ApiException.invalid("privateKey", "is not the P-256 private key of publicKey (both base64url, as web-push tools print them)");
        }
        return credentials.put(appId, CredentialKind.WEBPUSH, vapidSettings(keys, request.subject()),
                keys.privateKey().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Generates the app's VAPID key pair. An app keeps the one it has: a new pair would end every
     * browser subscription made with the old one, so that takes an explicit import or delete.
     */
    public StoredCredential createVapidKeys(UUID orgId, UUID appId, String subject) {
        tenancy.app(orgId, appId);
        VapidKeys keys = VapidKeys.generate();
        return credentials.putIfAbsent(appId, CredentialKind.WEBPUSH, vapidSettings(keys, subject),
                keys.privateKey().getBytes(StandardCharsets.UTF_8)).orElseThrow(() -> ApiException.conflict("vapid_keys_exist",
                "App " + appId + " has a VAPID key pair already; browsers subscribed with it. Import another with "
                        + "PUT /v1/apps/" + appId + "/credentials/webpush, or DELETE that credential first"));
    }

    /** The app's VAPID public key; reading it changes nothing (an admin creates the pair). */
    public String vapidPublicKey(UUID orgId, UUID appId) {
        tenancy.app(orgId, appId);
        return credentials.find(appId, CredentialKind.WEBPUSH).map(c -> c.settings().get(VapidKeys.PUBLIC_KEY))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "no_vapid_keys", "App " + appId
                        + " has no VAPID key pair yet: an admin creates one with POST /v1/apps/" + appId
                        + "/webpush/vapid-keys (or imports one with PUT /v1/apps/" + appId + "/credentials/webpush)", List.of()));
    }

    private static Map<String, String> vapidSettings(VapidKeys keys, String subject) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(VapidKeys.PUBLIC_KEY, keys.publicKey());
        if (subject != null) {
            settings.put(VapidKeys.SUBJECT, subject);
        }
        return settings;
    }

    public StoredCredential putOneSignal(UUID orgId, UUID appId, TenancyRequests.PutOneSignalCredential request) {
        tenancy.app(orgId, appId);
        return credentials.put(appId, CredentialKind.ONESIGNAL, Map.of(OneSignalMessages.APP_ID, request.appId().toLowerCase(java.util.Locale.ROOT)),
                request.restApiKey().getBytes(StandardCharsets.UTF_8));
    }

    public StoredCredential get(UUID orgId, UUID appId, String kind) {
        tenancy.app(orgId, appId);
        return CredentialKind.parse(kind).flatMap(k -> credentials.find(appId, k))
                .orElseThrow(() -> new NotFoundException("Credential " + kind));
    }

    public List<StoredCredential> list(UUID orgId, UUID appId) {
        tenancy.app(orgId, appId);
        return credentials.list(appId);
    }

    public boolean delete(UUID orgId, UUID appId, String kind) {
        tenancy.app(orgId, appId);
        return CredentialKind.parse(kind).map(k -> credentials.delete(appId, k)).orElse(false);
    }
}
