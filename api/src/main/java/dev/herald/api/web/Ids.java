package dev.herald.api.web;

import dev.herald.domain.NotFoundException;

import java.util.UUID;

/** Path ids: a malformed id names nothing, so it is a 404 like any unknown id. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(what + " " + id);
        }
    }

    /** An id in a request body or query: a malformed one is the client's error, named by its field. */
    public static UUID field(String id, String field) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw dev.herald.api.error.ApiException.invalid(field, "must be a UUID");
        }
    }

    /** A cursor from a previous page; a malformed one is the client's error. */
    public static UUID cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw dev.herald.api.error.ApiException.invalid("after", "must be the next value of a previous page");
        }
    }
}
