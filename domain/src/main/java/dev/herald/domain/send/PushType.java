package dev.herald.domain.send;

/** What kind of push a send is; decides APNs push type, priority and topic (S3, S4). */
public enum PushType {
    /** A visible notification. */
    ALERT,
    /** A silent push that wakes the app (APNs content-available, priority 5). */
    BACKGROUND
}
