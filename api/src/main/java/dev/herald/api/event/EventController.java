package dev.herald.api.event;

import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.domain.JsonCodec;
import dev.herald.domain.event.EventIntake;
import dev.herald.domain.event.EventRules;
import dev.herald.domain.event.EventSource;
import dev.herald.domain.event.EventStore;
import dev.herald.domain.user.User;
import dev.herald.domain.user.UserStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

@Tag(name = "Events")
@Controller("/v1/events")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventController {

    static final int MAX_PROPERTIES_BYTES = 16 * 1024;
    static final int MAX_IDEMPOTENCY_KEY = 255;

    private final EventIntake intake;
    private final UserStore users;
    private final JsonCodec json;

    public EventController(EventIntake intake, UserStore users, JsonCodec json) {
        this.intake = intake;
        this.users = users;
        this.json = json;
    }

    @Operation(summary = "Record what a user did (API key for any user of the org; a session for its own user). "
            + "It starts the automations it triggers and reaches runs waiting for it. "
            + "The same Idempotency-Key returns the first event (200) and triggers nothing again.")
    @Post
    public HttpResponse<EventViews.EventView> record(Authentication authentication,
                                                     @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                     @Valid @Body EventRequests.RecordEvent request) {
        Caller caller = Caller.of(authentication);
        String userId = Access.namedUser(caller, request.userId());
        Instant now = Instant.now();
        var errors = new java.util.ArrayList<>(EventRules.validate(request.name(), request.time(), now));
        Map<String, Object> properties = request.properties() == null ? Map.of() : request.properties();
        if (json.write(properties).getBytes(StandardCharsets.UTF_8).length > MAX_PROPERTIES_BYTES) {
            errors.add(new dev.herald.domain.FieldError("properties", "at most 16 KB of JSON"));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            errors.add(new dev.herald.domain.FieldError("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters"));
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
        return HttpResponse.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(EventViews.EventView.of(recorded.event(), user.externalId()));
    }
}
