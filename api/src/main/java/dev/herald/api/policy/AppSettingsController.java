package dev.herald.api.policy;

import dev.herald.api.error.ProblemResponses;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Ids;
import dev.herald.domain.FieldError;
import dev.herald.domain.policy.AppDeliverySettings;
import dev.herald.domain.policy.AppSettingsStore;
import dev.herald.domain.tenancy.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ProblemResponses
@Tag(name = "Apps")
@Controller("/v1/apps/{appId}/settings")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AppSettingsController {

    private final AppSettingsStore settings;

    public AppSettingsController(AppSettingsStore settings) {
        this.settings = settings;
    }

    /** An app's delivery policies (null quiet hours or caps mean none) and its sessions' request budget (null: the server's). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SettingsView(UUID appId, String defaultTimezone, @Nullable Integer quietHoursStartLocal,
                               @Nullable Integer quietHoursEndLocal, boolean deferInQuietHours,
                               @Nullable Integer freqCapPerUserPerHour, @Nullable Integer freqCapPerUserPerDay,
                               @Nullable Integer sessionRequestsPerMinute, @Nullable Instant updatedAt) {
        static SettingsView of(AppDeliverySettings s) {
            return new SettingsView(s.appId(), s.defaultTimezone(), s.quietHoursStartLocal(), s.quietHoursEndLocal(),
                    s.deferInQuietHours(), s.freqCapPerUserPerHour(), s.freqCapPerUserPerDay(), s.sessionRequestsPerMinute(), s.updatedAt());
        }
    }

    @Operation(summary = "Read the app's settings: quiet hours, deferral, frequency caps, default time zone, sessions' request budget (admin)")
    @Get
    public SettingsView get(Authentication authentication, @PathVariable String appId) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        return SettingsView.of(settings.get(caller.orgId(), Ids.parse(appId, "App")));
    }

    @Operation(summary = "Change the app's settings (admin); a JSON merge patch: omitted fields stay, null clears")
    @Patch
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public SettingsView patch(Authentication authentication, @PathVariable String appId,
                              @RequestBody(content = @Content(schema = @Schema(implementation = SettingsPatch.Shape.class)))
                              @Body JsonNode patch) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        AppDeliverySettings current = settings.get(caller.orgId(), Ids.parse(appId, "App"));
        List<FieldError> errors = new ArrayList<>();
        AppDeliverySettings next = SettingsPatch.apply(current, patch, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return SettingsView.of(settings.save(caller.orgId(), next));
    }
}
