package dev.herald.domain.send;

/** What kind of push a send is; decides APNs push type, priority and topic (S3, S4). */
public enum PushType {
    /** A visible notification. */
    ALERT,
    /** A silent push that wakes the app (APNs content-available, priority 5). */
    BACKGROUND,
    /**
     * An incoming call for PushKit: goes only to VoIP tokens ({@code APNS_VOIP} devices), on
     * topic {@code <bundle>.voip}; payloads may be 5 KB.
     */
    VOIP,
    /**
     * A critical alert: sounds through the mute switch and Focus (APNs {@code sound.critical}
     * with a volume, {@code interruption-level: critical}; the app needs Apple's entitlement).
     */
    CRITICAL
}
