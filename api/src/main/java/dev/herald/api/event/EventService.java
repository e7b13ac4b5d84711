package dev.herald.api.event;

import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.domain.FieldError;
import dev.herald.domain.JsonCodec;
import dev.herald.domain.event.EventIntake;
import dev.herald.domain.event.EventRules;
import dev.herald.domain.event.EventSource;
import dev.herald.domain.event.EventStore;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.user.User;
import dev.herald.domain.user.UserStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events reported over the API: checked, then handed to the intake (which records and dispatches them). */
@Singleton
public class EventService {

    static final int MAX_PROPERTIES_BYTES = 16 * 1024;
    static final int MAX_IDEMPOTENCY_KEY = 255;
    /** Herald keys the events it records itself with this prefix; callers' keys must not collide. */
    static final String HERALD_KEY_PREFIX = "herald:";

    private final EventIntake intake;
    private final EventStore store;
    private final UserStore users;
    private final JsonCodec json;

    public EventService(EventIntake intake, EventStore store, UserStore users, JsonCodec json) {
        this.intake = intake;
        this.store = store;
        this.users = users;
        this.json = json;
    }

    /** What {@code GET /v1/events} asks for, as sent. */
    public record ListQuery(@Nullable String userId, @Nullable String name, @Nullable String from, @Nullable String to,
                            @Nullable String after, int limit) {
    }

    /**
     * A page of one user's events, newest first: a server names the user ({@code userId}), a
     * session reads its own user's (it may leave {@code userId} out, or name itself or {@code me}).
     */
    public Page<EventViews.EventView> list(Caller caller, ListQuery query) {
        String userId = Access.namedUser(caller, query.userId());
        List<FieldError> errors = new ArrayList<>();
        Instant from = instant("from", query.from(), errors);
        Instant to = instant("to", query.to(), errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        if (query.name() != null && query.name().isBlank()) {
            errors.add(new FieldError("name", "must not be blank: leave it out for events of any name"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        UUID after = Ids.cursor(query.after());
        var user = caller.isServer() ? java.util.Optional.of(users.get(caller.orgId(), userId)) : users.find(caller.orgId(), userId);
        if (user.isEmpty()) {
            // a session's user the server has not upserted yet has done nothing Herald knows of
            return Page.all(List.of());
        }
        var rows = store.list(caller.orgId(), new EventStore.Filter(user.get().id(), query.name(), from, to), after, query.limit() + 1);
        return Page.of(rows, query.limit(), e -> EventViews.EventView.of(e, user.get().externalId()), e -> e.id().toString());
    }

    private static Instant instant(String field, @Nullable String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant, e.g. 2026-01-31T09:00:00Z"));
            return null;
        }
    }

    /** The event recorded for the report, and its user's external id. */
    public record Reported(EventStore.Recorded recorded, String externalUserId) {
    }

    /**
     * Records a reported event. The same Idempotency-Key answers the first event and makes sure
     * of its dispatch again (a first attempt may have answered 503); a key reused for another
     * user or event name is a conflict.
     */
    public Reported report(Caller caller, @Nullable String idempotencyKey, EventRequests.RecordEvent request) {
        String userId = Access.namedUser(caller, request.userId());
        Instant now = Instant.now();
        List<FieldError> errors = new ArrayList<>(EventRules.validate(request.name(), request.time(), now));
        Map<String, Object> properties = request.properties() == null ? Map.of() : request.properties();
        if (json.write(properties).getBytes(StandardCharsets.UTF_8).length > MAX_PROPERTIES_BYTES) {
            errors.add(new FieldError("properties", "at most 16 KB of JSON"));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            errors.add(new FieldError("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters"));
        } else if (idempotencyKey != null && idempotencyKey.startsWith(HERALD_KEY_PREFIX)) {
            errors.add(new FieldError("Idempotency-Key", "keys starting with " + HERALD_KEY_PREFIX + " are Herald's own"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        User user = caller.isServer()
                ? users.get(caller.orgId(), userId)
                // a client may report before its server has upserted the user, as with devices
                : users.upsert(caller.orgId(), userId, UserStore.ProfileChange.none()).user();
        var recorded = intake.record(new EventStore.NewEvent(caller.orgId(), caller.appId(), user.id(), request.name(), properties,
                caller.isServer() ? EventSource.SERVER : EventSource.CLIENT, idempotencyKey,
                request.time() == null ? now : request.time()));
        if (!recorded.created() && !(user.id().equals(recorded.event().userId()) && request.name().equals(recorded.event().name()))) {
            throw ApiException.conflict("idempotency_key_reused", "This Idempotency-Key was already used for another event");
        }
        return new Reported(recorded, user.externalId());
    }
}
