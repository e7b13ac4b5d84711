package dev.herald.domain.tenancy;

/** What an API key may do beyond sending and managing users (S1). */
public enum Scope {
    /** Org settings: apps, credentials, API keys. */
    ADMIN,
    /** Operator of the Herald installation: creates orgs. Only the bootstrap key has it. */
    PLATFORM
}
