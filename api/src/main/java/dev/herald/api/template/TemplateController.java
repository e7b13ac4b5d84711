package dev.herald.api.template;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.FieldError;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.abtest.AbTestStore;
import dev.herald.domain.template.MessageContent;
import dev.herald.domain.template.MessageContentRules;
import dev.herald.domain.template.MessageRendering;
import dev.herald.domain.template.Template;
import dev.herald.domain.template.TemplateContext;
import dev.herald.domain.template.TemplateStore;
import dev.herald.domain.template.LocaleFallback;
import dev.herald.domain.user.User;
import dev.herald.domain.user.UserProfileRules;
import dev.herald.domain.user.UserStore;
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

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ProblemResponses
@Tag(name = "Templates")
@Controller("/v1/templates")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TemplateController {

    private final TemplateStore templates;
    private final AbTestStore abTests;
    private final UserStore users;

    public TemplateController(TemplateStore templates, AbTestStore abTests, UserStore users) {
        this.templates = templates;
        this.abTests = abTests;
        this.users = users;
    }

    @Operation(summary = "Create a template: title, body, localized versions, actions, data and link, with {{variables}}")
    @Post
    public HttpResponse<TemplateViews.TemplateView> create(Authentication authentication, @Valid @Body TemplateRequests.TemplateBody request) {
        Caller caller = server(authentication);
        MessageContent content = checked(caller.orgId(), null, request);
        return HttpResponse.created(TemplateViews.TemplateView.of(templates.create(caller.orgId(), request.name().trim(), content)));
    }

    @Operation(summary = "List templates, newest first")
    @Get
    public Page<TemplateViews.TemplateView> list(Authentication authentication, @Nullable @QueryValue String after,
                                                 @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Caller caller = server(authentication);
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        return Page.of(templates.list(caller.orgId(), Ids.cursor(after), n + 1), n, TemplateViews.TemplateView::of, t -> t.id().toString());
    }

    @Operation(summary = "Read a template and the variables it uses")
    @Get("/{templateId}")
    public TemplateViews.TemplateView get(Authentication authentication, @PathVariable String templateId) {
        return TemplateViews.TemplateView.of(find(server(authentication), templateId));
    }

    @Operation(summary = "Replace a template; sends already created keep the text they were created with")
    @Put("/{templateId}")
    public TemplateViews.TemplateView replace(Authentication authentication, @PathVariable String templateId,
                                              @Valid @Body TemplateRequests.TemplateBody request) {
        Caller caller = server(authentication);
        Template existing = find(caller, templateId);
        MessageContent content = checked(caller.orgId(), existing.id(), request);
        return TemplateViews.TemplateView.of(templates.replace(caller.orgId(), existing.id(), request.name().trim(), content));
    }

    @Operation(summary = "Delete a template (409 while an A/B test variant uses it)")
    @Delete("/{templateId}")
    public HttpResponse<Void> delete(Authentication authentication, @PathVariable String templateId) {
        Caller caller = server(authentication);
        Template existing = find(caller, templateId);
        if (abTests.usesTemplate(caller.orgId(), existing.id())) {
            throw ApiException.conflict("template_in_use", "An A/B test variant uses this template; change the test first");
        }
        templates.delete(caller.orgId(), existing.id());
        return HttpResponse.noContent();
    }

    @Operation(summary = "Render a template for a user with variables, as the push would say it; lists missing variables")
    @Post("/{templateId}/render")
    public TemplateViews.RenderedView render(Authentication authentication, @PathVariable String templateId,
                                             @Valid @Body TemplateRequests.RenderRequest request) {
        Caller caller = server(authentication);
        Template template = find(caller, templateId);
        List<FieldError> errors = new ArrayList<>();
        UserProfileRules.checkLocale("locale", request.locale(), errors);
        User user = null;
        if (request.userId() != null) {
            user = users.find(caller.orgId(), request.userId()).orElse(null);
            if (user == null) {
                errors.add(new FieldError("userId", "no user of the org has this id"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String locale = LocaleFallback.recipientLocale(request.locale(), user == null ? null : user.locale());
        return TemplateViews.RenderedView.of(MessageRendering.render(template.content(), locale,
                TemplateContext.of(user, request.event(), request.variables())));
    }

    private MessageContent checked(UUID orgId, UUID id, TemplateRequests.TemplateBody request) {
        MessageContent content = request.content();
        List<FieldError> errors = MessageContentRules.validate("", content, true);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (templates.nameTaken(orgId, request.name().trim(), id)) {
            throw ApiException.conflict("template_name_taken", "The org already has a template named '" + request.name().trim() + "'");
        }
        return MessageContentRules.canonical(content);
    }

    private Template find(Caller caller, String templateId) {
        return templates.find(caller.orgId(), Ids.parse(templateId, "Template"))
                .orElseThrow(() -> new NotFoundException("Template " + templateId));
    }

    private static Caller server(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return caller;
    }
}
