package dev.herald.api.automation;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Page;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.automation.Automation;
import dev.herald.domain.automation.AutomationStatus;
import dev.herald.domain.automation.AutomationStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

@ProblemResponses
@Tag(name = "Automations")
@Controller("/v1/automations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AutomationController {

    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final AutomationStore automations;
    private final AutomationPublisher publisher;

    public AutomationController(AutomationStore automations, AutomationPublisher publisher) {
        this.automations = automations;
        this.publisher = publisher;
    }

    @Operation(summary = "Publish a definition as the automation's next version (201 creates the automation at version 1; "
            + "an unchanged definition publishes nothing). Runs under way keep the version they started with. "
            + "An invalid definition is a 400 whose errors name the step and field, e.g. steps[2].timeout.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The definition: name, trigger, entry, goal, steps",
            content = @Content(mediaType = "application/json", examples = {
                    @ExampleObject(name = "geofence-welcome", summary = "Enter a store fence → push unless one was sent in 24 h",
                            externalValue = "/docs/examples/automations/geofence-welcome.json"),
                    @ExampleObject(name = "onboarding-drip", summary = "Sign-up → day 1 → day 3 unless opened",
                            externalValue = "/docs/examples/automations/onboarding-drip.json"),
                    @ExampleObject(name = "cart-abandonment", summary = "cart.updated → wait 1 h for checkout.completed → push",
                            externalValue = "/docs/examples/automations/cart-abandonment.json")}))
    @Put("/{key}")
    public HttpResponse<AutomationViews.AutomationView> publish(Authentication authentication, @PathVariable String key,
                                                                @Body Map<String, Object> definition) {
        Caller caller = server(authentication);
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalid("key", "must be 1 to 64 lowercase letters, digits or -, e.g. cart-abandonment");
        }
        var published = publisher.publish(caller.orgId(), key, definition);
        return HttpResponse.status(published.createdAutomation() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(AutomationViews.AutomationView.of(published.automation(), published.version()));
    }

    @Operation(summary = "List automations by key (archived ones only with status=archived)")
    @Get
    public Page<AutomationViews.AutomationView> list(Authentication authentication, @Nullable @QueryValue String status,
                                                     @Nullable @QueryValue String after,
                                                     @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Caller caller = server(authentication);
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        AutomationStatus wanted = status == null ? null : parseStatus(status);
        return Page.of(automations.list(caller.orgId(), wanted, after, n + 1), n, this::view, Automation::key);
    }

    @Operation(summary = "Read an automation and its current definition")
    @Get("/{key}")
    public AutomationViews.AutomationView get(Authentication authentication, @PathVariable String key) {
        return view(find(authentication, key));
    }

    @Operation(summary = "Every published version of an automation, newest first")
    @Get("/{key}/versions")
    public Page<AutomationViews.VersionView> versions(Authentication authentication, @PathVariable String key) {
        Automation a = find(authentication, key);
        return Page.all(automations.versions(a.id()).stream().map(v -> AutomationViews.VersionView.of(v, a)).toList());
    }

    @Operation(summary = "One published version of an automation")
    @Get("/{key}/versions/{version}")
    public AutomationViews.VersionView version(Authentication authentication, @PathVariable String key, @PathVariable String version) {
        Automation a = find(authentication, key);
        int n;
        try {
            n = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Version " + version + " of automation '" + key + "'");
        }
        return AutomationViews.VersionView.of(automations.version(a.id(), n)
                .orElseThrow(() -> new NotFoundException("Version " + version + " of automation '" + key + "'")), a);
    }

    @Operation(summary = "Pause: events start no new runs; runs under way go on")
    @Post("/{key}/pause")
    public AutomationViews.AutomationView pause(Authentication authentication, @PathVariable String key) {
        return move(authentication, key, AutomationStatus.PAUSED);
    }

    @Operation(summary = "Resume a paused automation")
    @Post("/{key}/resume")
    public AutomationViews.AutomationView resume(Authentication authentication, @PathVariable String key) {
        return move(authentication, key, AutomationStatus.ACTIVE);
    }

    @Operation(summary = "Archive: no new runs and no new versions, ever; runs under way go on")
    @Post("/{key}/archive")
    public AutomationViews.AutomationView archive(Authentication authentication, @PathVariable String key) {
        return move(authentication, key, AutomationStatus.ARCHIVED);
    }

    private AutomationViews.AutomationView move(Authentication authentication, String key, AutomationStatus to) {
        Caller caller = server(authentication);
        find(caller, key);
        try {
            return view(automations.setStatus(caller.orgId(), key, to));
        } catch (AutomationStore.StateConflict e) {
            throw ApiException.conflict("automation_archived", e.getMessage());
        }
    }

    private AutomationViews.AutomationView view(Automation a) {
        return AutomationViews.AutomationView.of(a, automations.version(a.id(), a.currentVersion()).orElseThrow());
    }

    private Automation find(Authentication authentication, String key) {
        return find(server(authentication), key);
    }

    private Automation find(Caller caller, String key) {
        return automations.get(caller.orgId(), key);
    }

    static Caller server(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return caller;
    }

    private static AutomationStatus parseStatus(String status) {
        try {
            return AutomationStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "must be one of active, paused, archived");
        }
    }
}
