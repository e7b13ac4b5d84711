package dev.herald.api.support;

import dev.herald.api.temporal.TemporalFactory;
import dev.herald.api.temporal.TemporalSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;

/**
 * Runs every spec's Herald on Temporal's own in-memory test service with time skipping:
 * the application's worker factory and stubs are the test environment's.
 */
@Factory
public class TestTemporalFactory {

    @Singleton
    @Bean(preDestroy = "close")
    TestWorkflowEnvironment testWorkflowEnvironment(TemporalSettings settings) {
        return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build())
                .build());
    }

    @Singleton
    @Replaces(bean = WorkflowServiceStubs.class, factory = TemporalFactory.class)
    WorkflowServiceStubs workflowServiceStubs(TestWorkflowEnvironment environment) {
        return environment.getWorkflowServiceStubs();
    }

    /**
     * A plain client on the test service. The environment's own client unlocks time skipping
     * whenever it waits (for a result or an update), letting the service jump to any pending
     * timer; with this one, time moves only when a spec calls {@code skip}.
     */
    @Singleton
    @Replaces(bean = WorkflowClient.class, factory = TemporalFactory.class)
    WorkflowClient workflowClient(TestWorkflowEnvironment environment, TemporalSettings settings) {
        return WorkflowClient.newInstance(environment.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    }

    @Singleton
    @Replaces(bean = WorkerFactory.class, factory = TemporalFactory.class)
    WorkerFactory workerFactory(TestWorkflowEnvironment environment) {
        return environment.getWorkerFactory();
    }
}
