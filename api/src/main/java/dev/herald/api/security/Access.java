package dev.herald.api.security;

import dev.herald.api.error.ApiException;
import dev.herald.domain.tenancy.Scope;

/**
 * The authorization rules of S1, in one place:
 * servers (API keys) may act for any user of their org; a client (session JWT) only for its
 * own user, and {@code /users/me} is only meaningful with a session.
 */
public final class Access {

    public static final String ME = "me";

    private Access() {
    }

    /** Endpoints only a server may call (user upsert, sessions, sends). */
    public static void requireServer(Caller caller) {
        if (!caller.isServer()) {
            throw ApiException.forbidden("api_key_required", "This endpoint needs a server API key; session tokens cannot call it");
        }
    }

    public static void requireScope(Caller caller, Scope scope) {
        requireServer(caller);
        if (!caller.scopes().contains(scope)) {
            throw ApiException.forbidden(scope.name().toLowerCase() + "_scope_required",
                    "This endpoint needs an API key with the " + scope.name().toLowerCase() + " scope");
        }
    }

    /**
     * The external id of the user a request under {@code /users/{id}} acts for.
     */
    public static String actingUser(Caller caller, String pathUserId) {
        if (ME.equals(pathUserId)) {
            if (caller.isServer()) {
                throw ApiException.badRequest("me_needs_session",
                        "/users/me needs an end-user session JWT; with an API key use /users/{id}/… with the user's id");
            }
            return caller.userId();
        }
        if (!caller.isServer() && !pathUserId.equals(caller.userId())) {
            throw ApiException.forbidden("cannot_act_as_another_user", "Cannot act as another user");
        }
        return pathUserId;
    }

    /**
     * The user a request body names ({@code userId}): a server must name one; a session acts
     * for its own user, so it may leave the field out, and may not name another.
     */
    public static String namedUser(Caller caller, String bodyUserId) {
        if (caller.isServer()) {
            if (bodyUserId == null || bodyUserId.isBlank()) {
                throw ApiException.invalid("userId", "is required: the id of the user this is about");
            }
            return bodyUserId;
        }
        if (bodyUserId != null && !bodyUserId.equals(caller.userId()) && !ME.equals(bodyUserId)) {
            throw ApiException.forbidden("cannot_act_as_another_user", "Cannot act as another user");
        }
        return caller.userId();
    }
}
