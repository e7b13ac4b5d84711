package dev.herald.domain.event;

/** Who reported an event: a customer's server, an end user's client, or Herald itself. */
public enum EventSource {
    SERVER,
    CLIENT,
    HERALD
}
