package dev.herald.api.send;

import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.temporal.TemporalLinks;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.send.DeliveryLedger;
import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
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

@Tag(name = "Sends")
@Controller("/v1/sends")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SendController {

    private final SendService service;
    private final SendStore sends;
    private final DeliveryLedger ledger;
    private final TemporalLinks links;

    public SendController(SendService service, SendStore sends, DeliveryLedger ledger, TemporalLinks links) {
        this.service = service;
        this.sends = sends;
        this.ledger = ledger;
        this.links = links;
    }

    @Operation(summary = "Send a push to users; runs as the durable workflow send-<id>")
    @Post
    public HttpResponse<SendViews.SendView> create(Authentication authentication, @Valid @Body SendRequests.CreateSend request) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return HttpResponse.created(view(service.create(caller.orgId(), request)));
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
        return SendViews.SendView.of(send, ledger.counts(send.id()), links.workflow(send.workflowId()));
    }
}
