package dev.herald.api.segment;

import dev.herald.api.web.BulkRequest;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.segment.AudienceFilter;
import dev.herald.domain.segment.AudienceFilters;
import dev.herald.domain.segment.SegmentStore;
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
import java.util.Map;
import java.util.UUID;

@ProblemResponses
@Tag(name = "Segments")
@Controller("/v1/segments")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SegmentController {

    private final SegmentStore segments;

    public SegmentController(SegmentStore segments) {
        this.segments = segments;
    }

    @Operation(summary = "Save an audience: a filter over user tags and properties, locale, timezone, country, provider, platform, "
            + "app and last session, combined with all/any")
    @Post
    public HttpResponse<SegmentViews.SegmentView> create(Authentication authentication, @Valid @Body SegmentRequests.SaveSegment request) {
        Caller caller = server(authentication);
        AudienceFilter filter = filter(request.filter(), "filter");
        return HttpResponse.created(SegmentViews.SegmentView.of(segments.create(caller.orgId(), request.name().strip(), filter, Instant.now())));
    }

    @Operation(summary = "List segments, newest first")
    @Get
    public Page<SegmentViews.SegmentView> list(Authentication authentication, @Nullable @QueryValue String after,
                                               @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Caller caller = server(authentication);
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        return Page.of(segments.list(caller.orgId(), Ids.cursor(after), n + 1), n, SegmentViews.SegmentView::of, s -> s.id().toString());
    }

    @Operation(summary = "Read a segment")
    @Get("/{segmentId}")
    public SegmentViews.SegmentView get(Authentication authentication, @PathVariable String segmentId) {
        Caller caller = server(authentication);
        return SegmentViews.SegmentView.of(segments.get(caller.orgId(), id(segmentId)));
    }

    @Operation(summary = "Replace a segment's name and filter; sends that have started keep the filter they started with")
    @Put("/{segmentId}")
    public SegmentViews.SegmentView update(Authentication authentication, @PathVariable String segmentId,
                                           @Valid @Body SegmentRequests.SaveSegment request) {
        Caller caller = server(authentication);
        UUID id = id(segmentId);
        segments.get(caller.orgId(), id);
        AudienceFilter filter = filter(request.filter(), "filter");
        return SegmentViews.SegmentView.of(segments.update(caller.orgId(), id, request.name().strip(), filter, Instant.now()));
    }

    @Operation(summary = "Delete a segment")
    @Delete("/{segmentId}")
    public HttpResponse<Void> delete(Authentication authentication, @PathVariable String segmentId) {
        Caller caller = server(authentication);
        segments.delete(caller.orgId(), id(segmentId));
        return HttpResponse.noContent();
    }

    @Operation(summary = "Who a saved segment matches right now: user and device counts and a sample of user ids")
    @Get("/{segmentId}/preview")
    @BulkRequest
    public SegmentViews.PreviewView preview(Authentication authentication, @PathVariable String segmentId) {
        Caller caller = server(authentication);
        var segment = segments.get(caller.orgId(), id(segmentId));
        return SegmentViews.PreviewView.of(segments.preview(caller.orgId(), segments.filterOf(segment)));
    }

    @Operation(summary = "Who an inline filter matches right now, before saving it")
    @Post("/preview")
    @BulkRequest
    public SegmentViews.PreviewView previewFilter(Authentication authentication, @Valid @Body SegmentRequests.PreviewFilter request) {
        Caller caller = server(authentication);
        return SegmentViews.PreviewView.of(segments.preview(caller.orgId(), filter(request.filter(), "filter")));
    }

    private static AudienceFilter filter(Map<String, Object> json, String field) {
        if (json == null) {
            throw ApiException.invalid(field, "is required: {\"all\": [...]}, {\"any\": [...]} or a condition");
        }
        AudienceFilters.Parsed parsed = AudienceFilters.parse(json, field);
        if (!parsed.valid()) {
            throw ApiException.invalid(parsed.errors());
        }
        return parsed.filter();
    }

    private static Caller server(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return caller;
    }

    private static UUID id(String segmentId) {
        return Ids.parse(segmentId, "Segment");
    }
}
