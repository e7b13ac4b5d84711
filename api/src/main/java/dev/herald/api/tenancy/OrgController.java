package dev.herald.api.tenancy;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.domain.tenancy.Scope;
import dev.herald.domain.tenancy.TenancyService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.EnumSet;

@ProblemResponses
@Tag(name = "Tenancy")
@Controller("/v1/orgs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrgController {

    private final TenancyService tenancy;

    public OrgController(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    @Operation(summary = "Create an org with its first admin API key (platform scope)")
    @Post
    public HttpResponse<TenancyViews.OrgCreated> create(Authentication authentication, @Valid @Body TenancyRequests.CreateOrg request) {
        Access.requireScope(Caller.of(authentication), Scope.PLATFORM);
        var created = tenancy.createOrg(request.name(), EnumSet.of(Scope.ADMIN), null);
        return HttpResponse.created(new TenancyViews.OrgCreated(TenancyViews.OrgView.of(created.org()),
                TenancyViews.ApiKeyCreated.of(created.adminKey().key(), created.adminKey().plaintext())));
    }
}
