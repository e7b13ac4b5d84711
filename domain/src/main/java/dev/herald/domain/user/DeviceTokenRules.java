package dev.herald.domain.user;

import dev.herald.domain.FieldError;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** Shape checks for device tokens, per provider; pure so they can be tested as a table. */
public final class DeviceTokenRules {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    /**
     * What Firebase's getToken() hands out: {@code <instance id>:APA91b…} (older ones without the
     * instance id), some 140 to 200+ characters of base64url and colons. Anything much shorter
     * (an id, a placeholder, a truncated copy) is not one.
     */
    private static final Pattern FCM_TOKEN = Pattern.compile("[A-Za-z0-9_:\\-]+");
    static final int MIN_FCM_TOKEN_LENGTH = 100;
    private static final Pattern UUID_PATTERN = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_TOKEN_LENGTH = 4096;

    private DeviceTokenRules() {
    }

    /**
     * @param p256dh Web Push subscription key (base64url of an uncompressed P-256 point, 65 bytes)
     * @param auth   Web Push authentication secret (base64url of 16 bytes)
     */
    public static List<FieldError> validate(DeviceProvider provider, String token, String p256dh, String auth) {
        List<FieldError> errors = new ArrayList<>();
        if (token == null || token.isBlank()) {
            errors.add(new FieldError("token", "must not be blank"));
            return errors;
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            errors.add(new FieldError("token", "must be at most " + MAX_TOKEN_LENGTH + " characters"));
            return errors;
        }
        switch (provider.family()) {
            case APNS -> {
                if (!HEX.matcher(token).matches() || token.length() < 64 || token.length() % 2 != 0) {
                    errors.add(new FieldError("token", "an APNs device token is an even number (at least 64) of hex digits"));
                }
            }
            case FCM -> {
                if (!FCM_TOKEN.matcher(token).matches() || token.length() < MIN_FCM_TOKEN_LENGTH) {
                    errors.add(new FieldError("token", "an FCM registration token is at least " + MIN_FCM_TOKEN_LENGTH
                            + " letters, digits, - _ and : (as Firebase's getToken() returns it)"));
                }
            }
            case ONESIGNAL -> {
                if (!UUID_PATTERN.matcher(token).matches()) {
                    errors.add(new FieldError("token", "a OneSignal subscription id is a UUID"));
                }
            }
            case WEBPUSH -> validateWebPush(token, p256dh, auth, errors);
        }
        return errors;
    }

    private static void validateWebPush(String endpoint, String p256dh, String auth, List<FieldError> errors) {
        try {
            URI uri = URI.create(endpoint);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                errors.add(new FieldError("token", "a Web Push endpoint is an https URL"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("token", "a Web Push endpoint is an https URL"));
        }
        if (decodedLength(p256dh) != 65) {
            errors.add(new FieldError("keys.p256dh", "must be the base64url P-256 public key of the subscription (65 bytes)"));
        }
        if (decodedLength(auth) != 16) {
            errors.add(new FieldError("keys.auth", "must be the base64url authentication secret of the subscription (16 bytes)"));
        }
    }

    private static int decodedLength(String base64url) {
        if (base64url == null || base64url.isBlank()) {
            return -1;
        }
        try {
            return Base64.getUrlDecoder().decode(base64url.replace('+', '-').replace('/', '_').replace("=", "")).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
