package dev.herald.api.security;

import dev.herald.api.config.RequestBudgetSettings;
import dev.herald.api.error.ApiException;
import dev.herald.api.error.Problems;
import dev.herald.api.web.BulkRequest;
import dev.herald.domain.budget.RequestBudget;
import dev.herald.domain.budget.RequestBudgetStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteMatch;

import java.util.List;

/**
 * Charges every authenticated request to its caller's budget (S10): an API key's, or a
 * session's (per user of an app, the app's own budget if it set one); bulk endpoints
 * ({@link BulkRequest}) also to the caller's bulk budget. Over budget is a 429 problem with
 * {@code Retry-After}. The counters live in PostgreSQL, so all Herald instances share them.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestBudgetFilter implements Ordered {

    private final RequestBudgetSettings settings;
    private final RequestBudgetStore store;
    private final Problems problems;

    public RequestBudgetFilter(RequestBudgetSettings settings, RequestBudgetStore store, Problems problems) {
        this.settings = settings;
        this.store = store;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // right after authentication, before the body is read
        return ServerFilterPhase.SECURITY.after() + 10;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public @Nullable MutableHttpResponse<?> charge(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
        if (!settings.enabled() || route == null) {
            return null;
        }
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        if (authentication == null) {
            return null;
        }
        Caller caller = Caller.of(authentication);
        String who = caller.isServer() ? "key:" + authentication.getName() : "session:" + caller.appId() + ":" + caller.userId();
        RequestBudgetStore.Charged all = store.charge(who, RequestBudget.ALL, caller.isServer() ? null : caller.appId());
        RequestBudget budget = caller.isServer()
                ? new RequestBudget(RequestBudget.ALL, settings.apiKeyPerMinute())
                : RequestBudget.forSession(all.appSessionBudget(), settings.sessionPerMinute());
        RequestBudget.Verdict verdict = budget.judge(all.used(), all.secondsLeft());
        if (!verdict.allowed()) {
            return refuse(request, caller, budget, verdict, "requests");
        }
        if (route.getRouteInfo().getAnnotationMetadata().hasAnnotation(BulkRequest.class)) {
            RequestBudget bulk = new RequestBudget(RequestBudget.BULK, settings.bulkPerMinute());
            RequestBudgetStore.Charged charged = store.charge(who, RequestBudget.BULK, null);
            RequestBudget.Verdict bulkVerdict = bulk.judge(charged.used(), charged.secondsLeft());
            if (!bulkVerdict.allowed()) {
                return refuse(request, caller, bulk, bulkVerdict, "bulk requests (CSV uploads, segment previews)");
            }
        }
        return null;
    }

    private MutableHttpResponse<?> refuse(HttpRequest<?> request, Caller caller, RequestBudget budget, RequestBudget.Verdict verdict, String what) {
        String who = caller.isServer() ? "This API key" : "This session";
        ApiException problem = ApiException.tooManyRequests(who + " has used its budget of " + budget.perMinute() + " " + what
                + " a minute; retry in " + verdict.retryAfterSeconds() + " s");
        return problems.respond(request, problem.status(), problem, problem.getMessage(), List.of())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(verdict.retryAfterSeconds()))
                .header("RateLimit-Limit", String.valueOf(budget.perMinute()))
                .header("RateLimit-Remaining", "0");
    }
}
