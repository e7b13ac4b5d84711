package dev.herald.api.user;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.security.SessionTokens;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.user.UserProfileRules;
import dev.herald.domain.user.UserStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.time.Duration;

@ProblemResponses
@Tag(name = "Users")
@Controller("/v1/users")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class UserController {

    private static final Duration DEFAULT_SESSION = Duration.ofDays(1);

    private final UserStore users;
    private final DeviceService devices;
    private final SessionTokens sessions;

    public UserController(UserStore users, DeviceService devices, SessionTokens sessions) {
        this.users = users;
        this.devices = devices;
        this.sessions = sessions;
    }

    @Operation(summary = "Create or update a user (API key only); omitted fields are kept, a tag set to \"\" is removed")
    @Put("/{userId}")
    public HttpResponse<UserViews.UserView> upsert(Authentication authentication, @PathVariable @Size(max = 256) String userId,
                                                   @Valid @Body UserRequests.UpsertUser request) {
        Caller caller = Caller.of(authentication);
        String id = Access.actingUser(caller, userId);
        Access.requireServer(caller);
        var errors = UserProfileRules.validate(request.locale(), request.timezone(), request.country(), request.tags());
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        var upserted = users.upsert(caller.orgId(), id, new UserStore.ProfileChange(request.locale(), request.timezone(),
                request.country(), request.tags(), request.lastSessionAt()));
        return HttpResponse.status(upserted.created() ? HttpStatus.CREATED : HttpStatus.OK).body(UserViews.UserView.of(upserted.user()));
    }

    @Operation(summary = "Read a user (API key, or the user's own session)")
    @Get("/{userId}")
    public UserViews.UserView get(Authentication authentication, @PathVariable String userId) {
        Caller caller = Caller.of(authentication);
        return UserViews.UserView.of(users.get(caller.orgId(), Access.actingUser(caller, userId)));
    }

    @Operation(summary = "Delete a user and their devices (API key only)")
    @Delete("/{userId}")
    public HttpResponse<Void> delete(Authentication authentication, @PathVariable String userId) {
        Caller caller = Caller.of(authentication);
        String id = Access.actingUser(caller, userId);
        Access.requireServer(caller);
        if (!users.delete(caller.orgId(), id)) {
            throw new NotFoundException("User '" + id + "'");
        }
        return HttpResponse.noContent();
    }

    @Operation(summary = "Mint a session JWT for a user's client (API key only)")
    @Post("/{userId}/sessions")
    public HttpResponse<UserViews.SessionView> createSession(Authentication authentication, @PathVariable String userId,
                                                             @Valid @Nullable @Body UserRequests.CreateSession request) {
        Caller caller = Caller.of(authentication);
        String id = Access.actingUser(caller, userId);
        Access.requireServer(caller);
        users.get(caller.orgId(), id);
        var app = devices.appFor(caller, request == null ? null : request.appId());
        Duration ttl = request == null || request.ttlSeconds() == null ? DEFAULT_SESSION : Duration.ofSeconds(request.ttlSeconds());
        var minted = sessions.mint(app, id, ttl);
        return HttpResponse.created(new UserViews.SessionView(minted.token(), minted.expiresAt(), id, app.id()));
    }
}
