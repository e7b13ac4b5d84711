package dev.herald.api.abtest;

import dev.herald.api.error.ProblemResponses;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.send.SendService;
import dev.herald.api.temporal.TemporalLinks;
import dev.herald.api.web.Ids;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStore;
import dev.herald.workflows.abtest.AbPromotionState;
import dev.herald.workflows.abtest.AbPromotionWorkflow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The auto-promotion of an A/B send, as its workflow {@code ab-promote-<sendId>} answers it. */
@ProblemResponses
@Tag(name = "A/B tests")
@Controller("/v1/sends/{sendId}/ab-promotion")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AbPromotionController {

    private final SendService service;
    private final SendStore sends;
    private final TemporalLinks links;

    public AbPromotionController(SendService service, SendStore sends, TemporalLinks links) {
        this.service = service;
        this.sends = sends;
        this.links = links;
    }

    /**
     * @param status        SAMPLING, WAITING, PROMOTING, COMPLETED, CANCELLED or STOPPED
     * @param winnerSource  auto, manual or auto_inconclusive; null while undecided
     * @param followUpVariant what the held-back users get: the winner, the control when inconclusive, or null
     */
    @Serdeable
    public record PromotionView(UUID sendId, UUID testId, String status, @Nullable Instant sampleSentAt, long sampleDevicesSent,
                                int checks, @Nullable Instant nextCheckAt, @Nullable String leader,
                                @Nullable List<AbTestViews.VariantResultView> variants, @Nullable String winner,
                                @Nullable String winnerSource, @Nullable Instant decidedAt, @Nullable String followUpVariant,
                                @Nullable UUID followUpSendId, int followUpUsers, @Nullable String followUpStatus,
                                @Nullable String temporalUrl) {
        static PromotionView of(AbPromotionState s, String temporalUrl) {
            var readout = s.readout();
            return new PromotionView(s.sendId(), s.testId(), s.status(), s.sampleSentAt(), s.sampleDevicesSent(), s.checks(),
                    s.nextCheckAt(), readout == null ? null : readout.leader(),
                    readout == null ? null : readout.variants().stream().map(AbTestViews.VariantResultView::of).toList(),
                    s.winner(), s.winnerSource(), s.decidedAt(), s.followUpVariant(), s.followUpSendId(), s.followUpUsers(),
                    s.followUpStatus(), temporalUrl);
        }
    }

    @Operation(summary = "Where the auto-promotion of an A/B send stands: sample sent, checks, latest readout, winner and the "
            + "follow-up send to the held-back users (404 when the send has no auto-promotion)")
    @Get
    public PromotionView get(Authentication authentication, @PathVariable String sendId) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        Send send = sends.get(caller.orgId(), Ids.parse(sendId, "Send"));
        AbPromotionState state = service.promotion(send)
                .orElseThrow(() -> new NotFoundException("Auto-promotion of send " + send.id()));
        return PromotionView.of(state, links.workflow(AbPromotionWorkflow.workflowId(send.id())));
    }
}
