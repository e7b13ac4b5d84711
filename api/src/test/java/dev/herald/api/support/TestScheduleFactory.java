package dev.herald.api.support;

import dev.herald.api.temporal.TemporalFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import jakarta.inject.Singleton;

/** Specs get {@link InMemoryScheduleClient}: Temporal's test service has no Schedules. */
@Factory
public class TestScheduleFactory {

    @Singleton
    @Replaces(bean = ScheduleClient.class, factory = TemporalFactory.class)
    InMemoryScheduleClient scheduleClient(WorkflowClient workflowClient) {
        return new InMemoryScheduleClient(workflowClient);
    }
}
