package dev.herald.api.send;

import dev.herald.activities.provider.PayloadSizes;
import dev.herald.api.error.ApiException;
import dev.herald.api.temporal.TemporalSettings;
import dev.herald.domain.FieldError;
import dev.herald.domain.JsonCodec;
import dev.herald.domain.policy.PlannedSends;
import dev.herald.domain.policy.SendPlan;
import dev.herald.domain.policy.SendPlanStore;
import dev.herald.domain.policy.SendPlanner;
import dev.herald.domain.segment.AudienceFilters;
import dev.herald.domain.segment.SegmentStore;
import dev.herald.domain.send.DeliveryLedger;
import dev.herald.domain.send.DeliveryStatus;
import dev.herald.domain.send.InterruptionLevel;
import dev.herald.domain.send.Recipients;
import dev.herald.domain.send.LocalTimeDelivery;
import dev.herald.domain.send.NewSend;
import dev.herald.domain.send.Priority;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.PushContentRules;
import dev.herald.domain.send.PushType;
import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStatus;
import dev.herald.domain.send.SendStore;
import dev.herald.domain.send.SendTarget;
import dev.herald.domain.send.UserIdCsv;
import dev.herald.workflows.abtest.AbPromotionInput;
import dev.herald.workflows.abtest.AbPromotionState;
import dev.herald.workflows.abtest.AbPromotionWorkflow;
import dev.herald.workflows.common.HeraldSearchAttributes;
import dev.herald.workflows.send.SendProgress;
import dev.herald.workflows.send.SendWorkflow;
import dev.herald.workflows.send.SendWorkflowInput;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Turns a send request into a stored send and its durable workflow, and steers running sends. */
@Singleton
public class SendService {

    private static final Logger LOG = LoggerFactory.getLogger(SendService.class);
    /** Rejected rows listed in a response; the count covers all of them. */
    static final int MAX_REPORTED_ROWS = 100;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final SendStore sends;
    private final SegmentStore segments;
    private final WorkflowClient temporal;
    private final TemporalSettings settings;
    private final JsonCodec json;
    private final SendPlanner planner;
    private final SendPlanStore plans;
    private final PlannedSends plannedSends;
    private final DeliveryLedger ledger;
    private final Recipients recipients;

    public SendService(SendStore sends, SegmentStore segments, WorkflowClient temporal, TemporalSettings settings, JsonCodec json,
                       SendPlanner planner, SendPlanStore plans, PlannedSends plannedSends, DeliveryLedger ledger, Recipients recipients) {
        this.ledger = ledger;
        this.recipients = recipients;
        this.sends = sends;
        this.segments = segments;
        this.temporal = temporal;
        this.settings = settings;
        this.json = json;
        this.planner = planner;
        this.plans = plans;
        this.plannedSends = plannedSends;
    }

    /** A row of the request (user id, token or CSV row) that names nothing, and why. */
    @io.micronaut.serde.annotation.Serdeable
    public record RejectedRow(int row, String value, String message) {
    }

    /** The send a request made (or, replayed under its Idempotency-Key, made before). */
    public record Outcome(Send send, boolean replayed, List<RejectedRow> rejected, int rejectedCount) {
    }

    /** A request checked and turned into a send to store; {@code csv} is its parsed upload, if any. */
    private record Prepared(NewSend send, UserIdCsv.Parsed csv, List<UserIdCsv.RowError> csvErrors, SendPlanner.Prepared plan) {
    }

    /** Checks a send request without storing anything (e.g. the send a recurring send makes each time). */
    public NewSend validate(UUID orgId, SendRequests.CreateSend request) {
        return prepare(orgId, request, null, null).send();
    }

    private Prepared prepare(UUID orgId, SendRequests.CreateSend request, String csv, String idempotencyKey) {
        List<FieldError> errors = new ArrayList<>();
        List<UserIdCsv.RowError> csvErrors = List.of();
        UserIdCsv.Parsed parsedCsv = null;
        if (csv != null) {
            parsedCsv = UserIdCsv.parse(csv);
            csvErrors = parsedCsv.errors();
            if (parsedCsv.dataRows() > SendRequests.MAX_CSV_ROWS) {
                errors.add(new FieldError("file", "has " + parsedCsv.dataRows() + " rows; at most " + SendRequests.MAX_CSV_ROWS + " user ids per upload"));
            } else if (parsedCsv.ids().isEmpty()) {
                errors.add(new FieldError("file", "has no valid user id"));
            }
        }
        SendTarget target = target(orgId, request, parsedCsv, errors);
        PushType pushType = parse(PushType.class, "pushType", request.pushType(), errors);
        Priority priority = parse(Priority.class, "priority", request.priority(), errors);
        LocalTime localTime = null;
        if (request.deliverAtLocalTime() != null) {
            localTime = LocalTimeDelivery.parse(request.deliverAtLocalTime()).orElse(null);
            if (localTime == null) {
                errors.add(new FieldError("deliverAtLocalTime", "must be a time of day as HH:mm, e.g. 09:00"));
            }
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            errors.add(new FieldError("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters"));
        }
        SendPlanner.Targets targets = target instanceof SendTarget.Users users ? SendPlanner.Targets.users(users.externalIds())
                : target instanceof SendTarget.Tokens tokens ? SendPlanner.Targets.tokens(tokens.tokens())
                : SendPlanner.Targets.AUDIENCE;
        SendPlanner.Prepared plan = planner.prepare(orgId, planRequest(request), targets, errors);
        InterruptionLevel interruptionLevel = null;
        if (request.interruptionLevel() != null) {
            interruptionLevel = InterruptionLevel.parse(request.interruptionLevel()).orElse(null);
            if (interruptionLevel == null) {
                errors.add(new FieldError("interruptionLevel", "must be one of passive, active, time-sensitive, critical"));
            }
        }
        PushContent content = PushContent.builder().title(plan.title()).body(plan.body()).data(plan.data()).url(plan.url())
                .imageUrl(request.imageUrl()).sound(request.sound()).badge(request.badge()).category(request.category())
                .threadId(request.threadId()).collapseId(request.collapseId()).ttlSeconds(request.ttlSeconds())
                .pushType(pushType).priority(priority).actions(request.actions()).expiresAt(request.expiresAt())
                .interruptionLevel(interruptionLevel).relevanceScore(request.relevanceScore()).soundVolume(request.soundVolume())
                .mutableContent(request.mutableContent()).build();
        errors.addAll(PushContentRules.validateExpiry(content, Instant.now(), request.scheduledFor()));
        // a link may hold {{variables}}: check its shape with them filled by a placeholder
        errors.addAll(PushContentRules.validate(content.url() == null ? content
                : content.withMessage(content.title(), content.body(), content.data(), content.url().replaceAll("\\{\\{[^}]*}}", "x"))));
        if (errors.isEmpty()) {
            errors.addAll(PayloadSizes.check(content));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Prepared(new NewSend(orgId, content, target, request.scheduledFor(), localTime, request.ratePerSecond(), null),
                parsedCsv, csvErrors, plan);
    }

    public Outcome create(UUID orgId, SendRequests.CreateSend request, String csv, String idempotencyKey) {
        Prepared prepared = prepare(orgId, request, csv, idempotencyKey);
        NewSend newSend = prepared.send();
        UserIdCsv.Parsed parsedCsv = prepared.csv();
        List<UserIdCsv.RowError> csvErrors = prepared.csvErrors();
        if (idempotencyKey == null) {
            SendStore.Created created = plannedSends.create(newSend, prepared.plan(), Instant.now());
            start(created.send());
            return outcome(created, newSend.target(), parsedCsv, csvErrors);
        }
        SendStore.Keyed keyed = plannedSends.createIdempotent(newSend, prepared.plan(), idempotencyKey, hash(request, csv), Instant.now());
        if (!keyed.replayed()) {
            startKeyed(keyed.created().send(), idempotencyKey);
            return outcome(keyed.created(), newSend.target(), parsedCsv, csvErrors);
        }
        if (!keyed.sameRequest()) {
            throw ApiException.conflict("idempotency_key_reused",
                    "This Idempotency-Key was used in the last 24 hours for a different request; use a new key for a new send");
        }
        Send existing = sends.get(orgId, keyed.existingSendId());
        // the first request may have stored the send and died before starting it: starting again is harmless
        if (!existing.status().finished()) {
            startKeyed(existing, idempotencyKey);
        }
        return new Outcome(existing, true, List.of(), 0);
    }

    /**
     * Starts a send made under an Idempotency-Key. When Temporal cannot start it, the send is
     * failed and the key released: the client's retry with the same key (what a 503 asks for)
     * makes a new send instead of answering the failed one for 24 hours.
     */
    private void startKeyed(Send send, String idempotencyKey) {
        try {
            start(send);
        } catch (ApiException notStarted) {
            sends.releaseIdempotencyKey(send.orgId(), idempotencyKey, send.id());
            throw ApiException.unavailable("temporal_unavailable",
                    "The send could not be started; Temporal is not reachable. Retry with the same Idempotency-Key: it makes a new send");
        }
    }

    /** The devices of these users, now, with this content: the simple entry point for other features. */
    public Send createForUsers(UUID orgId, PushContent content, List<String> externalUserIds) {
        Send send = sends.create(NewSend.toUsers(orgId, content, externalUserIds), Instant.now()).send();
        start(send);
        return send;
    }

    private SendTarget target(UUID orgId, SendRequests.CreateSend request, UserIdCsv.Parsed csv, List<FieldError> errors) {
        List<String> given = new ArrayList<>();
        if (request.userIds() != null) {
            given.add("userIds");
        }
        if (request.audience() != null) {
            given.add("audience");
        }
        if (request.tokens() != null) {
            given.add("tokens");
        }
        if (csv != null) {
            given.add("file");
        }
        if (given.isEmpty()) {
            errors.add(new FieldError("userIds", "a send needs exactly one target: userIds, audience, tokens or a CSV file of user ids"));
            return null;
        }
        if (given.size() > 1) {
            given.forEach(field -> errors.add(new FieldError(field,
                    "a send has exactly one target; this request has " + String.join(" and ", given))));
            return null;
        }
        if (request.userIds() != null) {
            if (request.userIds().isEmpty()) {
                errors.add(new FieldError("userIds", "must name at least one user (up to 10,000)"));
            }
            return new SendTarget.Users(request.userIds());
        }
        if (request.tokens() != null) {
            if (request.tokens().isEmpty()) {
                errors.add(new FieldError("tokens", "must name at least one device token (up to 10,000)"));
            }
            return new SendTarget.Tokens(request.tokens());
        }
        if (csv != null) {
            return new SendTarget.Users(csv.idList());
        }
        return audience(orgId, request.audience(), errors);
    }

    private SendTarget audience(UUID orgId, SendRequests.Audience audience, List<FieldError> errors) {
        if ((audience.segmentId() == null) == (audience.filter() == null)) {
            errors.add(new FieldError("audience", "must have exactly one of segmentId (a saved segment) or filter (an inline filter)"));
            return null;
        }
        if (audience.segmentId() != null) {
            UUID id = parseUuid(audience.segmentId());
            if (id == null || segments.find(orgId, id).isEmpty()) {
                errors.add(new FieldError("audience.segmentId", "names no segment of this org"));
                return null;
            }
            return new SendTarget.Audience(id, null);
        }
        AudienceFilters.Parsed parsed = AudienceFilters.parse(audience.filter(), "audience.filter");
        errors.addAll(parsed.errors());
        return parsed.valid() ? new SendTarget.Audience(null, parsed.filter()) : null;
    }

    /**
     * The request's rows that named nothing: a CSV's by line number, a {@code userIds} or
     * {@code tokens} array's by index (from 0; a value given twice by its first index).
     */
    private Outcome outcome(SendStore.Created created, SendTarget target, UserIdCsv.Parsed csv, List<UserIdCsv.RowError> csvErrors) {
        List<RejectedRow> rejected = new ArrayList<>();
        csvErrors.forEach(e -> rejected.add(new RejectedRow(e.row(), e.value(), e.message())));
        Function<String, Integer> rowOf = csv != null ? csv.ids()::get : firstIndexOf(target);
        String what = created.send().targetKind() == SendTarget.Kind.DEVICES ? "no device of this org has this token" : "no user of this org has this id";
        created.unmatched().forEach(value -> rejected.add(new RejectedRow(rowOf.apply(value) == null ? 0 : rowOf.apply(value), value, what)));
        rejected.sort(java.util.Comparator.comparingInt(RejectedRow::row));
        int count = rejected.size();
        return new Outcome(created.send(), false, List.copyOf(rejected.subList(0, Math.min(count, MAX_REPORTED_ROWS))), count);
    }

    private static Function<String, Integer> firstIndexOf(SendTarget target) {
        List<String> values = target instanceof SendTarget.Users users ? users.externalIds()
                : target instanceof SendTarget.Tokens tokens ? tokens.tokens() : List.of();
        java.util.Map<String, Integer> first = new java.util.HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            first.putIfAbsent(values.get(i), i);
        }
        return first::get;
    }

    private String hash(SendRequests.CreateSend request, String csv) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(json.write(request).getBytes(StandardCharsets.UTF_8));
            if (csv != null) {
                digest.update(csv.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code send-<id>}. Starting an id that is running answers the running workflow;
     * one that has closed is refused, which here also means it exists.
     */
    private static SendPlanner.Request planRequest(SendRequests.CreateSend r) {
        return new SendPlanner.Request(Boolean.TRUE.equals(r.transactional()), r.templateId(), r.variables(), r.title(), r.body(),
                r.localized(), r.data(), r.url(), r.abTestId(), r.event());
    }

    public void start(Send send) {
        start(send, false);
    }

    /**
     * Starts a send whose run the embedded Temporal lost with the last process: as {@link #start},
     * but a send that was paused starts paused.
     */
    public void restart(Send send) {
        start(send, send.status() == SendStatus.PAUSED);
    }

    private void start(Send send, boolean paused) {
        String summary = summary(send);
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(send.workflowId())
                .setTaskQueue(settings.taskQueue())
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(HeraldSearchAttributes.ORG_ID, send.orgId().toString())
                        .set(HeraldSearchAttributes.KIND, "send")
                        .set(HeraldSearchAttributes.SEND_ID, send.id().toString())
                        .build())
                .setStaticSummary(summary)
                .setStaticDetails(send.content().title() == null ? "(no title)" : "Title: " + send.content().title())
                .build();
        SendPlan plan = plans.find(send.id()).orElse(null);
        try {
            if (plan != null && plan.sampling()) {
                startPromotion(send, plan.abTestId(), summary);
            } else {
                SendWorkflow workflow = temporal.newWorkflowStub(SendWorkflow.class, options);
                WorkflowClient.start(workflow::run, paused ? SendWorkflowInput.resumedPaused(send.id(), send.scheduledFor())
                        : SendWorkflowInput.fresh(send.id(), send.scheduledFor()));
            }
        } catch (WorkflowExecutionAlreadyStarted alreadyClosed) {
            LOG.debug("Workflow {} exists already", send.workflowId());
        } catch (RuntimeException e) {
            LOG.error("Could not start workflow {}", send.workflowId(), e);
            sends.finish(send.id(), SendStatus.FAILED, "temporal_unavailable: Temporal could not start the send's workflow "
                    + send.workflowId() + " (" + e.getMessage() + "); nothing was sent", Instant.now());
            throw ApiException.unavailable("temporal_unavailable", "The send was stored but could not be started; Temporal is not reachable");
        }
    }

    /**
     * An auto-promoted A/B send runs under {@code ab-promote-<id>}, which starts {@code send-<id>}
     * as its child (the sample), then promotes the winner to the users the send held back.
     */
    private void startPromotion(Send send, UUID testId, String sendSummary) {
        startPromotion(send, testId, sendSummary, AbPromotionInput.fresh(send.orgId(), send.id(), testId, send.scheduledFor(), sendSummary));
    }

    /**
     * Starts the promotion of a sample that went out before the embedded Temporal lost its run:
     * it waits and checks from when the sample finished.
     */
    public void restartPromotion(Send sample, long sampleDevicesSent) {
        UUID testId = plans.find(sample.id()).orElseThrow().abTestId();
        String sendSummary = summary(sample);
        startPromotion(sample, testId, sendSummary,
                AbPromotionInput.resumed(sample.orgId(), sample.id(), testId, sendSummary, sample.finishedAt(), sampleDevicesSent));
    }

    private static String summary(Send send) {
        String target = switch (send.targetKind()) {
            case USERS -> send.targetedUsers() + " user" + (send.targetedUsers() == 1 ? "" : "s");
            case DEVICES -> send.targetedUsers() + " device" + (send.targetedUsers() == 1 ? "" : "s");
            case AUDIENCE -> send.segmentId() != null ? "segment " + send.segmentId() : "an audience filter";
        };
        return "Send to " + target + (send.scheduledFor() != null ? " at " + send.scheduledFor() : "")
                + (send.deliverAtLocalTime() != null ? ", at " + send.deliverAtLocalTime() + " local time" : "");
    }

    private void startPromotion(Send send, UUID testId, String sendSummary, AbPromotionInput input) {
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(AbPromotionWorkflow.workflowId(send.id()))
                .setTaskQueue(settings.taskQueue())
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(HeraldSearchAttributes.ORG_ID, send.orgId().toString())
                        .set(HeraldSearchAttributes.KIND, "ab-promotion")
                        .set(HeraldSearchAttributes.SEND_ID, send.id().toString())
                        .build())
                .setStaticSummary("Auto-promotion of A/B test " + testId + ": " + sendSummary)
                .setStaticDetails("Samples the variants, then sends the winner to the users held back")
                .build();
        AbPromotionWorkflow workflow = temporal.newWorkflowStub(AbPromotionWorkflow.class, options);
        WorkflowClient.start(workflow::run, input);
    }

    /** Where the auto-promotion of an A/B send stands; empty when the send has none. */
    public java.util.Optional<AbPromotionState> promotion(Send send) {
        SendPlan plan = plans.find(send.id()).orElse(null);
        if (plan == null || !plan.sampling()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(temporal.newWorkflowStub(AbPromotionWorkflow.class,
                    AbPromotionWorkflow.workflowId(send.id())).state());
        } catch (WorkflowNotFoundException | WorkflowQueryException e) {
            throw ApiException.unavailable("promotion_unavailable", "The send's promotion workflow cannot answer now; the test's winner is on GET /v1/ab-tests/{id}");
        }
    }

    /** Stops a scheduled or running send; answers once the workflow has recorded it. */
    public void cancel(Send send) {
        requireUnfinished(send);
        try {
            workflow(send).cancel();
        } catch (WorkflowUpdateException | WorkflowNotFoundException e) {
            throw ApiException.conflict("send_finished", "The send has already finished");
        } catch (WorkflowException e) {
            throw ApiException.unavailable("temporal_unavailable", "Temporal is not reachable; try again");
        }
    }

    /** Pauses or resumes a send: paused, it starts no new page (pages in flight finish). */
    public SendProgress setPaused(Send send, boolean pause) {
        requireUnfinished(send);
        try {
            return pause ? workflow(send).pause() : workflow(send).resume();
        } catch (WorkflowUpdateException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : "";
            if (why.contains("already paused") || why.contains("not paused")) {
                throw ApiException.conflict(pause ? "send_paused" : "send_not_paused", pause ? "The send is already paused" : "The send is not paused");
            }
            throw ApiException.conflict("send_finished", "The send has already finished");
        } catch (WorkflowNotFoundException e) {
            throw ApiException.conflict("send_finished", "The send has already finished");
        } catch (WorkflowException e) {
            throw ApiException.unavailable("temporal_unavailable", "Temporal is not reachable; try again");
        }
    }

    /** Where a send's progress was read: its running workflow, or the ledger in PostgreSQL. */
    public record Progress(SendProgress progress, String source) {
    }

    /**
     * The running totals the send's workflow answers while it runs; a finished send, or one whose
     * run Temporal no longer has (the embedded service after a restart) or cannot reach, is
     * answered from its ledger.
     */
    public Progress progress(Send send) {
        if (!send.status().finished()) {
            try {
                return new Progress(workflow(send).progress(), "workflow");
            } catch (WorkflowException e) {
                LOG.debug("Send {} answers its progress from the ledger: its workflow cannot ({})", send.id(), e.toString());
            }
        }
        return new Progress(fromLedger(sends.get(send.orgId(), send.id())), "ledger");
    }

    /**
     * A send's totals as its ledger has them: every device with a row was processed; it targeted
     * the devices counted when it started (sends started before that count: those with a row, or
     * for an unfinished one the devices its target has now).
     */
    private SendProgress fromLedger(Send send) {
        Map<DeliveryStatus, Long> counts = ledger.counts(send.id());
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        long targeted = send.targetedDevices() != null ? Math.max(rows, send.targetedDevices())
                : send.status().finished() || send.startedAt() == null ? rows : Math.max(rows, recipients.count(send));
        return new SendProgress(send.status().name(), targeted, rows, counts.get(DeliveryStatus.ACCEPTED),
                counts.get(DeliveryStatus.FAILED), counts.get(DeliveryStatus.SUPPRESSED), counts.get(DeliveryStatus.DEFERRED));
    }

    private SendWorkflow workflow(Send send) {
        return temporal.newWorkflowStub(SendWorkflow.class, send.workflowId());
    }

    private static void requireUnfinished(Send send) {
        if (send.status().finished()) {
            throw ApiException.conflict("send_finished", "The send has already " + send.status().name().toLowerCase(Locale.ROOT));
        }
    }

    private static UUID parseUuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            return text.length() == 36 ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            errors.add(new FieldError(field, "must be one of " + String.join(", ", allowed)));
            return null;
        }
    }
}
