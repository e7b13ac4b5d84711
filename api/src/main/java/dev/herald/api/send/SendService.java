package dev.herald.api.send;

import dev.herald.activities.provider.PayloadSizes;
import dev.herald.api.error.ApiException;
import dev.herald.api.temporal.TemporalSettings;
import dev.herald.domain.FieldError;
import dev.herald.domain.JsonCodec;
import dev.herald.domain.send.Priority;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.PushContentRules;
import dev.herald.domain.send.PushType;
import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStatus;
import dev.herald.domain.send.SendStore;
import dev.herald.workflows.common.HeraldSearchAttributes;
import dev.herald.workflows.send.SendWorkflow;
import dev.herald.workflows.send.SendWorkflowInput;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Turns a send request into a stored send and its durable workflow. */
@Singleton
public class SendService {

    private static final Logger LOG = LoggerFactory.getLogger(SendService.class);

    private final SendStore sends;
    private final WorkflowClient temporal;
    private final TemporalSettings settings;
    private final JsonCodec json;

    public SendService(SendStore sends, WorkflowClient temporal, TemporalSettings settings, JsonCodec json) {
        this.sends = sends;
        this.temporal = temporal;
        this.settings = settings;
        this.json = json;
    }

    public Send create(UUID orgId, SendRequests.CreateSend request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.userIds() == null || request.userIds().isEmpty()) {
            errors.add(new FieldError("userIds", "is required: the ids of the users to send to (up to 10,000)"));
        }
        PushType pushType = parse(PushType.class, "pushType", request.pushType(), errors);
        Priority priority = parse(Priority.class, "priority", request.priority(), errors);
        PushContent content = new PushContent(request.title(), request.body(), request.data(), request.url(), request.imageUrl(),
                request.sound(), request.badge(), request.category(), request.threadId(), request.collapseId(), request.ttlSeconds(),
                pushType, priority);
        errors.addAll(PushContentRules.validate(content));
        if (errors.isEmpty()) {
            errors.addAll(PayloadSizes.check(content));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Send send = sends.createForUsers(orgId, content, request.userIds(), request.scheduledFor(), Instant.now());
        start(send);
        return send;
    }

    private void start(Send send) {
        String summary = "Send to " + send.targetedUsers() + " user" + (send.targetedUsers() == 1 ? "" : "s")
                + (send.scheduledFor() != null ? " at " + send.scheduledFor() : "");
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(send.workflowId())
                .setTaskQueue(settings.taskQueue())
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(HeraldSearchAttributes.ORG_ID, send.orgId().toString())
                        .set(HeraldSearchAttributes.KIND, "send")
                        .set(HeraldSearchAttributes.SEND_ID, send.id().toString())
                        .build())
                .setStaticSummary(summary)
                .setStaticDetails(send.content().title() == null ? "(no title)" : "Title: " + send.content().title())
                .build();
        try {
            SendWorkflow workflow = temporal.newWorkflowStub(SendWorkflow.class, options);
            WorkflowClient.start(workflow::run, SendWorkflowInput.fresh(send.id(), send.scheduledFor()));
        } catch (RuntimeException e) {
            LOG.error("Could not start workflow {}", send.workflowId(), e);
            sends.finish(send.id(), SendStatus.FAILED, Instant.now());
            throw ApiException.unavailable("temporal_unavailable", "The send was stored but could not be started; Temporal is not reachable");
        }
    }

    /** Stops a scheduled or running send; answers once the workflow has recorded it. */
    public void cancel(Send send) {
        if (send.status().finished()) {
            throw ApiException.conflict("send_finished", "The send has already " + send.status().name().toLowerCase(Locale.ROOT));
        }
        try {
            temporal.newWorkflowStub(SendWorkflow.class, send.workflowId()).cancel();
        } catch (WorkflowUpdateException | WorkflowNotFoundException e) {
            throw ApiException.conflict("send_finished", "The send has already finished");
        } catch (WorkflowException e) {
            throw ApiException.unavailable("temporal_unavailable", "Temporal is not reachable; try again");
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
