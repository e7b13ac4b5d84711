package dev.herald.api.user;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Page;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.user.DeviceStore;
import dev.herald.domain.user.UserStore;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * A user's devices. {@code /users/me/devices} is for clients with a session JWT;
 * {@code /users/{id}/devices} for servers with an API key, or the user's own session.
 */
@ProblemResponses
@Tag(name = "Devices")
@Controller("/v1/users/{userId}/devices")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeviceController {

    private final DeviceService service;
    private final UserStore users;
    private final DeviceStore devices;

    public DeviceController(DeviceService service, UserStore users, DeviceStore devices) {
        this.service = service;
        this.users = users;
        this.devices = devices;
    }

    @Operation(summary = "Register a device token; registering a known token refreshes it and moves it to this user")
    @Post
    public HttpResponse<UserViews.DeviceView> register(Authentication authentication, @PathVariable String userId,
                                                       @Valid @Body UserRequests.RegisterDevice request) {
        Caller caller = Caller.of(authentication);
        String id = Access.actingUser(caller, userId);
        var registered = service.register(caller, id, request);
        return HttpResponse.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(UserViews.DeviceView.of(registered.device(), id));
    }

    @Operation(summary = "List a user's devices")
    @Get
    public Page<UserViews.DeviceView> list(Authentication authentication, @PathVariable String userId) {
        Caller caller = Caller.of(authentication);
        String id = Access.actingUser(caller, userId);
        var user = users.get(caller.orgId(), id);
        return Page.all(devices.listForUser(user.id()).stream().map(d -> UserViews.DeviceView.of(d, id)).toList());
    }

    @Operation(summary = "Unregister a device token of the user")
    @Delete
    public HttpResponse<Void> unregister(Authentication authentication, @PathVariable String userId, @QueryValue String token) {
        Caller caller = Caller.of(authentication);
        String id = Access.actingUser(caller, userId);
        var user = users.get(caller.orgId(), id);
        if (!devices.unregister(user.id(), token)) {
            throw new NotFoundException("Device");
        }
        return HttpResponse.noContent();
    }
}
