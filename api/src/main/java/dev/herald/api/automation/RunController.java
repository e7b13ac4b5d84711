package dev.herald.api.automation;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Caller;
import dev.herald.api.temporal.TemporalLinks;
import dev.herald.api.web.Page;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.automation.Automation;
import dev.herald.domain.automation.AutomationRun;
import dev.herald.domain.automation.AutomationStatus;
import dev.herald.domain.automation.AutomationStore;
import dev.herald.domain.automation.RunStatus;
import dev.herald.domain.automation.RunStore;
import dev.herald.domain.user.User;
import dev.herald.domain.user.UserStore;
import dev.herald.workflows.automation.RunEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@ProblemResponses
@Tag(name = "Automation runs")
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RunController {

    private final AutomationStore automations;
    private final RunStore runs;
    private final RunService service;
    private final UserStore users;
    private final TemporalLinks links;

    public RunController(AutomationStore automations, RunStore runs, RunService service, UserStore users, TemporalLinks links) {
        this.automations = automations;
        this.runs = runs;
        this.service = service;
        this.users = users;
        this.links = links;
    }

    @Operation(summary = "Start a run of an automation for a user with a payload (read as event.* by the definition). "
            + "Entry rules apply (409 not_eligible); the same Idempotency-Key returns the same run (200).")
    @Post("/automations/{key}/runs")
    public HttpResponse<AutomationViews.RunView> start(Authentication authentication, @PathVariable String key,
                                                       @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                       @Valid @Body RunRequests.StartRun request) {
        Caller caller = AutomationController.server(authentication);
        Automation automation = automations.get(caller.orgId(), key);
        if (request.userId() == null || request.userId().isBlank()) {
            throw ApiException.invalid("userId", "is required: the user the run is for");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw ApiException.invalid("Idempotency-Key", "must be 1 to 255 characters");
        }
        User user = users.get(caller.orgId(), request.userId());
        if (automation.status() != AutomationStatus.ACTIVE) {
            String state = automation.status().name().toLowerCase(Locale.ROOT);
            throw ApiException.conflict("automation_" + state, "Automation '" + key + "' is " + state + " and starts no runs");
        }
        Map<String, Object> payload = request.payload() == null ? Map.of() : request.payload();
        var version = automations.version(automation.id(), automation.currentVersion()).orElseThrow();
        var trigger = new RunEvent("manual-" + UUID.randomUUID(), "manual", payload, Instant.now().toEpochMilli());
        var entered = service.enter(automation, version, user.id(), payload, trigger, idempotencyKey);
        if (entered.refusal() != null) {
            throw ApiException.conflict("not_eligible", "The user cannot enter: " + entered.refusal().reason());
        }
        return HttpResponse.status(entered.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view(entered.run()));
    }

    @Operation(summary = "Runs of an automation, newest first, by user and status, with their current step and Temporal run")
    @Get("/automations/{key}/runs")
    public Page<AutomationViews.RunView> listOfAutomation(Authentication authentication, @PathVariable String key,
                                                          @Nullable @QueryValue String userId, @Nullable @QueryValue String status,
                                                          @Nullable @QueryValue String after,
                                                          @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Caller caller = AutomationController.server(authentication);
        return list(caller, automations.get(caller.orgId(), key).id(), userId, status, after, limit);
    }

    @Operation(summary = "Runs of all automations, newest first, by automation key, user and status")
    @Get("/automation-runs")
    public Page<AutomationViews.RunView> listAll(Authentication authentication, @Nullable @QueryValue String automation,
                                                 @Nullable @QueryValue String userId, @Nullable @QueryValue String status,
                                                 @Nullable @QueryValue String after,
                                                 @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Caller caller = AutomationController.server(authentication);
        UUID automationId = null;
        if (automation != null) {
            var found = automations.find(caller.orgId(), automation);
            if (found.isEmpty()) {
                return Page.all(java.util.List.of());
            }
            automationId = found.get().id();
        }
        return list(caller, automationId, userId, status, after, limit);
    }

    @Operation(summary = "Read a run: status, current step and its Temporal run")
    @Get("/automation-runs/{runId}")
    public AutomationViews.RunView get(Authentication authentication, @PathVariable String runId) {
        return view(find(authentication, runId));
    }

    @Operation(summary = "Cancel a run: it stops where it is (409 once it has ended)")
    @Delete("/automation-runs/{runId}")
    public AutomationViews.RunView cancel(Authentication authentication, @PathVariable String runId) {
        return view(service.cancel(find(authentication, runId)));
    }

    private Page<AutomationViews.RunView> list(Caller caller, UUID automationId, String userId, String status, String after, Integer limit) {
        RunStatus wanted = null;
        if (status != null) {
            try {
                wanted = RunStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("status", "must be one of running, completed, goal_reached, exited, cancelled, failed");
            }
        }
        Long afterId = null;
        if (after != null) {
            try {
                afterId = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw ApiException.invalid("after", "must be the next value of a previous page");
            }
        }
        UUID user = null;
        if (userId != null) {
            var found = users.find(caller.orgId(), userId);
            if (found.isEmpty()) {
                return Page.all(java.util.List.of());
            }
            user = found.get().id();
        }
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        return Page.of(runs.list(caller.orgId(), new RunStore.Filter(automationId, user, wanted), afterId, n + 1), n,
                this::view, r -> String.valueOf(r.id()));
    }

    private AutomationRun find(Authentication authentication, String runId) {
        Caller caller = AutomationController.server(authentication);
        try {
            return runs.get(caller.orgId(), Long.parseLong(runId));
        } catch (NumberFormatException e) {
            throw new NotFoundException("Run " + runId);
        }
    }

    private AutomationViews.RunView view(AutomationRun run) {
        return AutomationViews.RunView.of(run, links.workflow(run.workflowId()));
    }
}
