package dev.herald.api.support;

import io.grpc.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleInfo;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.client.schedules.ScheduleUpdateInput;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.workflow.Functions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporal Schedules for specs. Temporal's Java test service has no Schedules, so this stands
 * in for the schedule service at that process boundary: it keeps what Herald registered,
 * pauses and deletes like Temporal, and {@link ScheduleHandle#trigger()} starts the schedule's
 * workflow on the test service exactly as a firing would.
 */
public final class InMemoryScheduleClient implements ScheduleClient {

    /** A registered schedule as Temporal would hold it. */
    public static final class Registered {
        public volatile Schedule schedule;
        public volatile boolean paused;
        public volatile String note;
        public volatile int firings;

        Registered(Schedule schedule) {
            this.schedule = schedule;
            this.paused = schedule.getState() != null && schedule.getState().isPaused();
        }
    }

    private final Map<String, Registered> schedules = new ConcurrentHashMap<>();
    private final WorkflowClient workflows;

    public InMemoryScheduleClient(WorkflowClient workflows) {
        this.workflows = workflows;
    }

    public Registered registered(String id) {
        return schedules.get(id);
    }

    @Override
    public ScheduleHandle createSchedule(String id, Schedule schedule, ScheduleOptions options) {
        if (schedules.putIfAbsent(id, new Registered(schedule)) != null) {
            throw Status.ALREADY_EXISTS.withDescription("schedule " + id + " exists").asRuntimeException();
        }
        return getHandle(id);
    }

    @Override
    public ScheduleHandle getHandle(String id) {
        return new Handle(id);
    }

    @Override
    public Stream<ScheduleListDescription> listSchedules() {
        throw new UnsupportedOperationException("Herald lists recurring sends from PostgreSQL");
    }

    @Override
    public Stream<ScheduleListDescription> listSchedules(Integer pageSize) {
        return listSchedules();
    }

    @Override
    public Stream<ScheduleListDescription> listSchedules(String query, Integer pageSize) {
        return listSchedules();
    }

    private final class Handle implements ScheduleHandle {
        private final String id;

        Handle(String id) {
            this.id = id;
        }

        private Registered existing() {
            Registered registered = schedules.get(id);
            if (registered == null) {
                throw Status.NOT_FOUND.withDescription("schedule " + id + " not found").asRuntimeException();
            }
            return registered;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void backfill(List<ScheduleBackfill> backfills) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete() {
            existing();
            schedules.remove(id);
        }

        @Override
        public ScheduleDescription describe() {
            Registered r = existing();
            ScheduleInfo info = new ScheduleInfo(r.firings, 0, 0, List.of(), List.of(), List.of(), Instant.now(), Instant.now());
            return new ScheduleDescription(id, info, r.schedule, Map.of(), SearchAttributes.EMPTY, Map.of(),
                    DefaultDataConverter.newDefaultInstance());
        }

        @Override
        public void pause(String note) {
            Registered r = existing();
            r.paused = true;
            r.note = note;
        }

        @Override
        public void pause() {
            pause(null);
        }

        @Override
        public void trigger(io.temporal.api.enums.v1.ScheduleOverlapPolicy overlapPolicy) {
            trigger();
        }

        /** Fires now, as Temporal does: the action's workflow id gets the firing time appended. */
        @Override
        public void trigger() {
            Registered r = existing();
            ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) r.schedule.getAction();
            WorkflowOptions options = WorkflowOptions.newBuilder(action.getOptions())
                    .setWorkflowId(action.getOptions().getWorkflowId() + "-" + Instant.now())
                    .build();
            Object argument = action.getArguments().get(0, Object.class);
            workflows.newUntypedWorkflowStub(action.getWorkflowType(), options).start(argument);
            r.firings++;
        }

        @Override
        public void unpause(String note) {
            Registered r = existing();
            r.paused = false;
            r.note = note;
        }

        @Override
        public void unpause() {
            unpause(null);
        }

        @Override
        public void update(Functions.Func1<ScheduleUpdateInput, ScheduleUpdate> updater) {
            throw new UnsupportedOperationException();
        }
    }
}
