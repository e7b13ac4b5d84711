package dev.herald.api.recurring;

import dev.herald.api.error.ApiException;
import dev.herald.api.send.SendRequests;
import dev.herald.api.send.SendService;
import dev.herald.api.temporal.TemporalSettings;
import dev.herald.domain.FieldError;
import dev.herald.domain.recurring.Recurrence;
import dev.herald.domain.recurring.RecurringSend;
import dev.herald.domain.recurring.RecurringSendStore;
import dev.herald.domain.send.SendTemplate;
import dev.herald.workflows.common.HeraldSearchAttributes;
import dev.herald.workflows.recurring.RecurringSendInput;
import dev.herald.workflows.recurring.RecurringSendWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Recurring sends: a row in PostgreSQL and a Temporal Schedule that fires it. */
@Singleton
public class RecurringSendService {

    private static final Logger LOG = LoggerFactory.getLogger(RecurringSendService.class);

    private final RecurringSendStore store;
    private final SendService sends;
    private final ScheduleClient schedules;
    private final TemporalSettings settings;

    public RecurringSendService(RecurringSendStore store, SendService sends, ScheduleClient schedules, TemporalSettings settings) {
        this.store = store;
        this.sends = sends;
        this.schedules = schedules;
        this.settings = settings;
    }

    public RecurringSend create(UUID orgId, RecurringSendRequests.CreateRecurringSend request) {
        List<FieldError> errors = new ArrayList<>(Recurrence.validate(blankToNull(request.cron()), request.intervalSeconds(), request.timeZone()));
        SendTemplate template = null;
        if (request.send() == null) {
            errors.add(new FieldError("send", "is required: the send to make each time, as for POST /v1/sends"));
        } else {
            if (request.send().scheduledFor() != null) {
                errors.add(new FieldError("send.scheduledFor", "is not used: a recurring send goes out when its schedule fires"));
            }
            try {
                template = SendTemplate.of(sends.validate(orgId, request.send()));
            } catch (ApiException invalid) {
                invalid.errors().forEach(e -> errors.add(new FieldError("send." + e.field(), e.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        RecurringSend created = store.create(orgId, request.name().strip(), blankToNull(request.cron()), request.intervalSeconds(),
                request.timeZone(), template, Instant.now());
        try {
            schedules.createSchedule(created.scheduleId(), schedule(created), ScheduleOptions.newBuilder().build());
        } catch (RuntimeException e) {
            store.delete(orgId, created.id());
            throw scheduleFailure(e, "cron");
        }
        return created;
    }

    public void setPaused(RecurringSend recurring, boolean paused) {
        try {
            var handle = schedules.getHandle(recurring.scheduleId());
            if (paused) {
                handle.pause("paused through the Herald API");
            } else {
                handle.unpause("resumed through the Herald API");
            }
        } catch (RuntimeException e) {
            throw scheduleFailure(e, null);
        }
        store.setPaused(recurring.orgId(), recurring.id(), paused, Instant.now());
    }

    public void delete(RecurringSend recurring) {
        try {
            schedules.getHandle(recurring.scheduleId()).delete();
        } catch (RuntimeException e) {
            if (grpcCode(e).filter(c -> c == Status.Code.NOT_FOUND).isEmpty()) {
                throw scheduleFailure(e, null);
            }
        }
        store.delete(recurring.orgId(), recurring.id());
    }

    /** The next few firings as Temporal plans them; empty when it cannot tell. */
    public List<Instant> nextFirings(RecurringSend recurring) {
        try {
            return schedules.getHandle(recurring.scheduleId()).describe().getInfo().getNextActionTimes();
        } catch (RuntimeException e) {
            LOG.debug("Cannot describe schedule {}", recurring.scheduleId(), e);
            return null;
        }
    }

    private Schedule schedule(RecurringSend recurring) {
        ScheduleSpec.Builder spec = ScheduleSpec.newBuilder().setTimeZoneName(recurring.timeZone() == null ? "UTC" : recurring.timeZone());
        if (recurring.cron() != null) {
            spec.setCronExpressions(List.of(recurring.cron()));
        } else {
            spec.setIntervals(List.of(new ScheduleIntervalSpec(Duration.ofSeconds(recurring.intervalSeconds()))));
        }
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(recurring.scheduleId())
                .setTaskQueue(settings.taskQueue())
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(HeraldSearchAttributes.ORG_ID, recurring.orgId().toString())
                        .set(HeraldSearchAttributes.KIND, "recurring_send")
                        .build())
                .setStaticSummary("Recurring send \"" + recurring.name() + "\" fires")
                .build();
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(RecurringSendWorkflow.class)
                        .setArguments(new RecurringSendInput(recurring.id()))
                        .setOptions(options)
                        .build())
                .setSpec(spec.build())
                // a firing only stores a send and starts it; one waiting behind a slow one is enough
                .setPolicy(SchedulePolicy.newBuilder().setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE).build())
                .setState(ScheduleState.newBuilder().setNote("Herald recurring send " + recurring.id()).build())
                .build();
    }

    private static ApiException scheduleFailure(RuntimeException e, String field) {
        Optional<Status.Code> code = grpcCode(e);
        if (code.filter(c -> c == Status.Code.UNIMPLEMENTED).isPresent()) {
            return ApiException.unavailable("schedules_unavailable",
                    "Recurring sends need a Temporal server with Schedules (set TEMPORAL_ADDRESS); the embedded service has none");
        }
        if (field != null && code.filter(c -> c == Status.Code.INVALID_ARGUMENT).isPresent()) {
            return ApiException.invalid(field, "Temporal refused the schedule: " + e.getMessage());
        }
        LOG.error("Temporal schedule call failed", e);
        return ApiException.unavailable("temporal_unavailable", "Temporal is not reachable; try again");
    }

    private static Optional<Status.Code> grpcCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException status) {
                return Optional.of(status.getStatus().getCode());
            }
        }
        return Optional.empty();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
