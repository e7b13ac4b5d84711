package dev.herald.api.abtest;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.FieldError;
import dev.herald.domain.abtest.AbMetric;
import dev.herald.domain.abtest.AbReadout;
import dev.herald.domain.abtest.AbTest;
import dev.herald.domain.abtest.AbTestRules;
import dev.herald.domain.abtest.AbTestStore;
import dev.herald.domain.abtest.AbVariant;
import dev.herald.domain.abtest.AutoPromote;
import dev.herald.domain.template.MessageContentRules;
import dev.herald.domain.template.TemplateStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ProblemResponses
@Tag(name = "A/B tests")
@Controller("/v1/ab-tests")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AbTestController {

    private final AbTestStore tests;
    private final TemplateStore templates;

    public AbTestController(AbTestStore tests, TemplateStore templates) {
        this.tests = tests;
        this.templates = templates;
    }

    @Operation(summary = "Create an A/B test: variants with weights summing to 100, inline text or a template each")
    @Post
    public HttpResponse<AbTestViews.AbTestView> create(Authentication authentication, @Valid @Body AbTestRequests.AbTestBody request) {
        Caller caller = server(authentication);
        return HttpResponse.created(AbTestViews.AbTestView.of(tests.create(caller.orgId(), definition(caller.orgId(), request))));
    }

    @Operation(summary = "List A/B tests, newest first")
    @Get
    public Page<AbTestViews.AbTestView> list(Authentication authentication, @Nullable @QueryValue String after,
                                             @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Caller caller = server(authentication);
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        return Page.of(tests.list(caller.orgId(), Ids.cursor(after), n + 1), n, AbTestViews.AbTestView::of, t -> t.id().toString());
    }

    @Operation(summary = "Read an A/B test")
    @Get("/{testId}")
    public AbTestViews.AbTestView get(Authentication authentication, @PathVariable String testId) {
        return AbTestViews.AbTestView.of(find(server(authentication), testId));
    }

    @Operation(summary = "Replace an A/B test; once it has sent, its variants' keys and weights are fixed (409)")
    @Put("/{testId}")
    public AbTestViews.AbTestView replace(Authentication authentication, @PathVariable String testId,
                                          @Valid @Body AbTestRequests.AbTestBody request) {
        Caller caller = server(authentication);
        AbTest existing = find(caller, testId);
        AbTestStore.Definition next = definition(caller.orgId(), request);
        if (!split(existing.variants()).equals(split(next.variants())) && tests.started(existing.id())) {
            throw ApiException.conflict("ab_test_started",
                    "The test has sent: its variants' keys and weights are fixed so users keep their variant; create a new test to change them");
        }
        return AbTestViews.AbTestView.of(tests.replace(caller.orgId(), existing.id(), next));
    }

    @Operation(summary = "Delete an A/B test")
    @Delete("/{testId}")
    public HttpResponse<Void> delete(Authentication authentication, @PathVariable String testId) {
        Caller caller = server(authentication);
        tests.delete(caller.orgId(), find(caller, testId).id());
        return HttpResponse.noContent();
    }

    @Operation(summary = "Declare a variant the winner by hand: every later send with the test gets it")
    @Post("/{testId}/winner")
    public AbTestViews.AbTestView declareWinner(Authentication authentication, @PathVariable String testId,
                                                @Valid @Body AbTestRequests.DeclareWinner request) {
        Caller caller = server(authentication);
        AbTest test = find(caller, testId);
        if (test.variant(request.variant()).isEmpty()) {
            throw ApiException.invalid("variant", "must be one of " + String.join(", ", test.variants().stream().map(AbVariant::key).toList()));
        }
        return AbTestViews.AbTestView.of(tests.declareWinner(caller.orgId(), test.id(), request.variant(), "manual", Instant.now()));
    }

    @Operation(summary = "Per-variant stats (sent, opened, clicked, rates) and the two-proportion z-test readout (p-value, lift)")
    @Get("/{testId}/results")
    public AbTestViews.ResultsView results(Authentication authentication, @PathVariable String testId) {
        AbTest test = find(server(authentication), testId);
        double confidence = test.autoPromote() == null ? AutoPromote.DEFAULT_CONFIDENCE : test.autoPromote().effectiveConfidence();
        return AbTestViews.ResultsView.of(test, AbReadout.of(tests.stats(test), test.metric(), confidence));
    }

    private AbTestStore.Definition definition(UUID orgId, AbTestRequests.AbTestBody request) {
        List<FieldError> errors = new ArrayList<>();
        AbMetric metric = AbMetric.OPENED;
        if (request.metric() != null) {
            try {
                metric = AbMetric.valueOf(request.metric().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("metric", "must be opened or clicked"));
            }
        }
        List<AbVariant> variants = new ArrayList<>();
        for (int i = 0; i < request.variants().size(); i++) {
            AbTestRequests.VariantBody body = request.variants().get(i);
            if (body == null) {
                variants.add(null);
                continue;
            }
            UUID template = null;
            if (body.templateId() != null) {
                template = parseTemplate(orgId, body.templateId());
                if (template == null) {
                    errors.add(new FieldError("variants[" + i + "].templateId", "no template of the org has this id"));
                    template = new UUID(0, 0);
                }
            }
            variants.add(body.toVariant(template));
        }
        errors.addAll(AbTestRules.validate(variants, request.autoPromote()));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        List<AbVariant> canonical = variants.stream()
                .map(v -> v.content() == null ? v : new AbVariant(v.key(), v.weight(), MessageContentRules.canonical(v.content()), null))
                .toList();
        return new AbTestStore.Definition(request.name().trim(), metric, canonical, request.autoPromote());
    }

    private UUID parseTemplate(UUID orgId, String id) {
        try {
            UUID templateId = UUID.fromString(id);
            return templates.find(orgId, templateId).map(t -> t.id()).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What decides which user gets which variant. */
    private static List<String> split(List<AbVariant> variants) {
        return variants.stream().map(v -> v.key() + ":" + v.weight()).toList();
    }

    private AbTest find(Caller caller, String testId) {
        return tests.get(caller.orgId(), Ids.parse(testId, "A/B test"));
    }

    private static Caller server(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return caller;
    }
}
