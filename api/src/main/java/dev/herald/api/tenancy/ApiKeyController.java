package dev.herald.api.tenancy;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.tenancy.Scope;
import dev.herald.domain.tenancy.TenancyService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;

@ProblemResponses
@Tag(name = "Tenancy")
@Controller("/v1/api-keys")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeyController {

    private final TenancyService tenancy;

    public ApiKeyController(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    @Operation(summary = "Create an API key of the caller's org; the key is shown once")
    @Post
    public HttpResponse<TenancyViews.ApiKeyCreated> create(Authentication authentication, @Valid @Body TenancyRequests.CreateApiKey request) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        var issued = tenancy.issueKey(caller.orgId(), request.name(), scopes(request.scopes()));
        return HttpResponse.created(TenancyViews.ApiKeyCreated.of(issued.key(), issued.plaintext()));
    }

    @Operation(summary = "List the org's API keys (never their values)")
    @Get
    public Page<TenancyViews.ApiKeyView> list(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        return Page.all(tenancy.listKeys(caller.orgId()).stream().map(TenancyViews.ApiKeyView::of).toList());
    }

    @Operation(summary = "Revoke an API key")
    @Delete("/{keyId}")
    public TenancyViews.ApiKeyView revoke(Authentication authentication, @PathVariable String keyId) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        return TenancyViews.ApiKeyView.of(tenancy.revokeKey(caller.orgId(), Ids.parse(keyId, "API key")));
    }

    /** Only ADMIN can be granted here: PLATFORM belongs to the installation's bootstrap key. */
    private static Set<Scope> scopes(List<String> requested) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (requested != null) {
            for (String s : requested) {
                if (!"admin".equals(s.toLowerCase(Locale.ROOT))) {
                    throw ApiException.invalid("scopes", "the only scope an org key can have is admin");
                }
                scopes.add(Scope.ADMIN);
            }
        }
        return scopes;
    }
}
