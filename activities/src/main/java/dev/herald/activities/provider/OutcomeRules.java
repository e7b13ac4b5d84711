package dev.herald.activities.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * What every push service's answer means for Herald, in one place: accepted, retry (through
 * the activity's retry policy, after Retry-After when given) or a permanent failure, and
 * whether the token is dead and its device must be disabled. Inputs are plain values so the
 * whole table is tested without a network.
 */
public final class OutcomeRules {

    public static final String APNS = "apns";
    public static final String FCM = "fcm";
    public static final String WEBPUSH = "webpush";
    public static final String ONESIGNAL = "onesignal";

    private static final Set<String> APNS_DEAD_TOKEN_REASONS = Set.of("Unregistered", "BadDeviceToken", "ExpiredToken");
    private static final Set<Integer> APNS_RETRY_STATUSES = Set.of(429, 500, 503);
    private static final Set<String> FCM_RETRY_CODES = Set.of("QUOTA_EXCEEDED", "UNAVAILABLE", "INTERNAL");

    private OutcomeRules() {
    }

    /** The channel a push service's outcomes are labelled with: {@code apns}, {@code fcm}, {@code webpush}, {@code onesignal}. */
    public static String channel(dev.herald.domain.user.DeviceProvider.Family family) {
        return switch (family) {
            case APNS -> APNS;
            case FCM -> FCM;
            case WEBPUSH -> WEBPUSH;
            case ONESIGNAL -> ONESIGNAL;
        };
    }

    /**
     * An APNs answer that was not accepted. Pushy reports 429/500/503 as a completed response,
     * not an exception, so they arrive here. APNs sends no Retry-After.
     */
    public static ProviderOutcome apnsRejected(int status, String reason) {
        String label = APNS + ":" + (reason == null ? "HTTP " + status : reason);
        if (APNS_RETRY_STATUSES.contains(status)) {
            return ProviderOutcome.retry(APNS, label, status, null);
        }
        boolean deadToken = status == 410 || (reason != null && APNS_DEAD_TOKEN_REASONS.contains(reason));
        return ProviderOutcome.failed(APNS, label, status, deadToken);
    }

    /**
     * An FCM HTTP v1 error: {@code errorCode} is the FcmError detail (e.g. UNREGISTERED) when the
     * answer had one; {@code status} is null when no HTTP answer came back at all.
     */
    public static ProviderOutcome fcmRejected(Integer status, String errorCode, String message, Duration retryAfter) {
        String label = FCM + ":" + (errorCode != null ? errorCode : status != null ? "HTTP " + status : "no_response");
        if (status == null) {
            return ProviderOutcome.retry(FCM, label, null, retryAfter);
        }
        if ("UNREGISTERED".equals(errorCode)) {
            return ProviderOutcome.failed(FCM, label, status, true);
        }
        if ("INVALID_ARGUMENT".equals(errorCode) && message != null
                && message.toLowerCase(Locale.ROOT).contains("registration token")) {
            // FCM's "invalid registration": the token itself is malformed or unknown
            return ProviderOutcome.failed(FCM, FCM + ":invalid_registration", status, true);
        }
        if ((errorCode != null && FCM_RETRY_CODES.contains(errorCode)) || status == 429 || status >= 500) {
            return ProviderOutcome.retry(FCM, label, status, retryAfter);
        }
        return ProviderOutcome.failed(FCM, label, status, false);
    }

    /** A push service's answer to a Web Push request (RFC 8030): 201 accepted, 404/410 gone. */
    public static ProviderOutcome webPush(int status, Duration retryAfter, String messageId) {
        if (status >= 200 && status < 300) {
            return ProviderOutcome.accepted(WEBPUSH, messageId, status);
        }
        String label = WEBPUSH + ":HTTP " + status;
        if (status == 429 || status >= 500) {
            return ProviderOutcome.retry(WEBPUSH, label, status, retryAfter);
        }
        if (status >= 300 && status < 400) {
            // redirects are never followed: a push service has no reason to send one
            return ProviderOutcome.failed(WEBPUSH, WEBPUSH + ":redirect_refused", status, false);
        }
        return ProviderOutcome.failed(WEBPUSH, label, status, status == 404 || status == 410);
    }

    /** OneSignal's REST answer for one subscription id of a notification request. */
    public static ProviderOutcome oneSignal(int status, boolean subscriptionInvalid, String notificationId, Duration retryAfter) {
        if (status == 429 || status >= 500) {
            return ProviderOutcome.retry(ONESIGNAL, ONESIGNAL + ":HTTP " + status, status, retryAfter);
        }
        if (status >= 200 && status < 300) {
            return subscriptionInvalid
                    ? ProviderOutcome.failed(ONESIGNAL, ONESIGNAL + ":invalid_subscription", status, true)
                    : ProviderOutcome.accepted(ONESIGNAL, notificationId, status);
        }
        return ProviderOutcome.failed(ONESIGNAL, ONESIGNAL + ":HTTP " + status, status, false);
    }

    /** No answer: a timeout, a refused or reset connection. The push may be retried. */
    public static ProviderOutcome unreachable(String channel, Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause != cause.getCause()
                && (cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)) {
            cause = cause.getCause();
        }
        return ProviderOutcome.retry(channel, channel + ":" + cause.getClass().getSimpleName(), null, null);
    }

    /** A push Herald refuses to make (bad credential, oversize payload, forbidden endpoint): final. */
    public static ProviderOutcome refused(String channel, String reason) {
        return ProviderOutcome.failed(channel, channel + ":" + reason, null, false);
    }

    /** The app has no credential for the push service (and capture is off): final, the same code for sends and live activities. */
    public static ProviderOutcome noCredentials(dev.herald.domain.user.DeviceProvider.Family family) {
        return refused(channel(family), "no_credentials");
    }

    /**
     * Retry-After as seconds or an HTTP date; null when absent or unreadable. Capped at an hour
     * so a hostile or broken answer cannot park a send for days.
     */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
}
