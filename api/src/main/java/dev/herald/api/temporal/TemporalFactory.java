package dev.herald.api.temporal;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;


/** Temporal client and worker factory beans, for an external cluster or the embedded service. */
@Factory
public class TemporalFactory {

    /** Only created when no Temporal address is configured. */
    @Singleton
    @Bean(preDestroy = "close")
    EmbeddedTemporal embeddedTemporal(TemporalSettings settings) {
        return EmbeddedTemporal.start(settings.embeddedPort());
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    WorkflowServiceStubs workflowServiceStubs(TemporalSettings settings, BeanProvider<EmbeddedTemporal> embedded) {
        String target = settings.embedded() ? embedded.get().target() : settings.address();
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    }

    @Singleton
    WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalSettings settings) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    }

    @Singleton
    ScheduleClient scheduleClient(WorkflowServiceStubs stubs, TemporalSettings settings) {
        return ScheduleClient.newInstance(stubs, ScheduleClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    }

    @Singleton
    WorkerFactory workerFactory(WorkflowClient client) {
        return WorkerFactory.newInstance(client);
    }
}
