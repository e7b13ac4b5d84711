package dev.herald.domain.liveactivity;

/** REMOTE: Herald started the activity with a push; LOCAL: the app started it and Herald adopted it. */
public enum LiveActivityOrigin {
    REMOTE,
    LOCAL
}
