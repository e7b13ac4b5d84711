package dev.herald.api.send;

import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.temporal.TemporalLinks;
import dev.herald.api.web.BulkRequest;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.send.DeliveryLedger;
import dev.herald.domain.send.DeliveryStatus;
import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStore;
import io.micronaut.core.annotation.Nullable;
import dev.herald.api.error.ApiException;
import dev.herald.domain.input.StorableText;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.multipart.CompletedFileUpload;
import java.nio.charset.StandardCharsets;
import io.micronaut.http.annotation.Body;
import dev.herald.api.error.ProblemResponses;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.Map;

@ProblemResponses
@Tag(name = "Sends")
@Controller("/v1/sends")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SendController {

    private final SendService service;
    private final SendStore sends;
    private final DeliveryLedger ledger;
    private final TemporalLinks links;
    private final MultipartSendReader requests;

    public SendController(SendService service, SendStore sends, DeliveryLedger ledger, TemporalLinks links, MultipartSendReader requests) {
        this.service = service;
        this.sends = sends;
        this.ledger = ledger;
        this.links = links;
        this.requests = requests;
    }

    @Operation(summary = "Send a push to exactly one target (userIds, audience or tokens); runs as the durable workflow send-<id>. "
            + "The same Idempotency-Key within 24 hours answers the send it made instead of making another.")
    @Post
    public HttpResponse<SendViews.SendView> create(Authentication authentication, @Valid @Body SendRequests.CreateSend request,
                                                   @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return created(service.create(caller.orgId(), request, null, idempotencyKey));
    }

    @Operation(summary = "Send to the user ids of an uploaded CSV file (multipart: part 'file', up to 100,000 rows, and part "
            + "'send' with the send's JSON without a target); rows naming no user are reported, the rest are sent to")
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @BulkRequest
    public HttpResponse<SendViews.SendView> createFromCsv(Authentication authentication, @Nullable @Part("file") CompletedFileUpload file,
                                                          @Nullable @Part("send") String send,
                                                          @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        if (file == null) {
            throw ApiException.invalid("file", "is required: a CSV file of user ids, one per row");
        }
        SendRequests.CreateSend request = requests.read(send);
        String csv;
        try {
            csv = new String(file.getBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw ApiException.invalid("file", "could not be read");
        }
        checkCells(csv);
        return created(service.create(caller.orgId(), request, csv, idempotencyKey));
    }

    /** A CSV row with text PostgreSQL cannot store refuses the upload, naming the row (1-based, as rejected rows are). */
    private static void checkCells(String csv) {
        int row = 1;
        int start = 0;
        for (int i = 0; i <= csv.length(); i++) {
            if (i == csv.length() || csv.charAt(i) == '\n') {
                String line = csv.substring(start, i);
                int at = row;
                StorableText.problem(line).ifPresent(problem -> {
                    throw ApiException.invalid("file", "row " + at + " " + problem);
                });
                row++;
                start = i + 1;
            }
        }
    }

    private HttpResponse<SendViews.SendView> created(SendService.Outcome outcome) {
        SendViews.SendView view = view(outcome.send());
        if (!outcome.replayed()) {
            view = view.withRejected(outcome.rejectedCount(), outcome.rejected());
        }
        return HttpResponse.created(view).header("Idempotent-Replayed", String.valueOf(outcome.replayed()));
    }

    @Operation(summary = "Pause a scheduled or running send: no new page starts (pages in flight finish) until it is resumed")
    @Post("/{sendId}/pause")
    public SendViews.ProgressView pause(Authentication authentication, @PathVariable String sendId) {
        return SendViews.ProgressView.of(service.setPaused(find(authentication, sendId), true));
    }

    @Operation(summary = "Resume a paused send")
    @Post("/{sendId}/resume")
    public SendViews.ProgressView resume(Authentication authentication, @PathVariable String sendId) {
        return SendViews.ProgressView.of(service.setPaused(find(authentication, sendId), false));
    }

    @Operation(summary = "Progress of a send: devices targeted, processed, sent, failed, suppressed, deferred; from its workflow "
            + "while it runs, from its ledger once it finished or when Temporal no longer has its run (source says which)")
    @Get("/{sendId}/progress")
    public SendViews.ProgressView progress(Authentication authentication, @PathVariable String sendId) {
        return SendViews.ProgressView.of(service.progress(find(authentication, sendId)));
    }

    @Operation(summary = "List sends, newest first")
    @Get
    public Page<SendViews.SendView> list(Authentication authentication, @Nullable @QueryValue String after,
                                         @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        return Page.of(sends.list(caller.orgId(), Ids.cursor(after), n + 1), n, this::view, s -> s.id().toString());
    }

    @Operation(summary = "Read a send: status, delivery counts and its Temporal run")
    @Get("/{sendId}")
    public SendViews.SendView get(Authentication authentication, @PathVariable String sendId) {
        return view(find(authentication, sendId));
    }

    @Operation(summary = "Cancel a scheduled or running send; nothing more goes out (409 once finished)")
    @Delete("/{sendId}")
    public SendViews.SendView cancel(Authentication authentication, @PathVariable String sendId) {
        Send send = find(authentication, sendId);
        service.cancel(send);
        return view(sends.get(send.orgId(), send.id()));
    }

    @Operation(summary = "The send's per-device ledger: outcome, reason and provider answer of every recipient device")
    @Get("/{sendId}/deliveries")
    public Page<SendViews.DeliveryView> deliveries(Authentication authentication, @PathVariable String sendId,
                                                   @Nullable @QueryValue String after,
                                                   @Nullable @QueryValue @Min(1) @Max(Page.MAX_LIMIT) Integer limit) {
        Send send = find(authentication, sendId);
        int n = limit == null ? Page.DEFAULT_LIMIT : limit;
        return Page.of(ledger.list(send.id(), Ids.cursor(after), n + 1), n, SendViews.DeliveryView::of, d -> d.deviceId().toString());
    }

    private Send find(Authentication authentication, String sendId) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return sends.get(caller.orgId(), Ids.parse(sendId, "Send"));
    }

    private SendViews.SendView view(Send send) {
        Map<DeliveryStatus, Long> counts = ledger.counts(send.id());
        Map<String, Long> failedReasons = counts.get(DeliveryStatus.FAILED) == 0 ? Map.of() : ledger.failureReasons(send.id());
        return SendViews.SendView.of(send, counts, failedReasons, links.workflow(send.workflowId()));
    }
}
