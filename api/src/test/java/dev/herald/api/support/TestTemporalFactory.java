package dev.herald.api.support;

import dev.herald.api.temporal.TemporalFactory;
import dev.herald.api.temporal.TemporalSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Runs every spec's Herald on Temporal's own in-memory test service with time skipping:
 * the application's worker factory and stubs are the test environment's.
 */
@Factory
public class TestTemporalFactory {

    @Singleton
    @Bean(preDestroy = "close")
    TestWorkflowEnvironment testWorkflowEnvironment(TemporalSettings settings,
                                                    @Value("${herald.test.sticky-workflows:true}") boolean stickyWorkflows) {
        return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build())
                .setWorkerFactoryOptions(workerFactoryOptions(stickyWorkflows))
                .build());
    }

    /**
     * Worker factory options for the test service. Without stickiness a worker never asks the
     * service to route a workflow's next task to itself: a spec that kills its worker needs that,
     * because the test service (unlike a real cluster) never moves a task from a dead worker's
     * sticky queue back to the normal one (no sticky schedule-to-start timeout, no
     * ResetStickyTaskQueue), so the replacement worker would never see the workflow again.
     */
    @SuppressWarnings("deprecation") // the factory-wide form reaches the workers HeraldWorker creates with default options
    public static WorkerFactoryOptions workerFactoryOptions(boolean stickyWorkflows) {
        WorkerFactoryOptions.Builder options = WorkerFactoryOptions.newBuilder();
        if (!stickyWorkflows) {
            // zero: completed workflow tasks carry no sticky attributes (ReplayWorkflowTaskHandler)
            options.setWorkflowHostLocalTaskQueueScheduleToStartTimeout(Duration.ZERO);
        }
        return options.build();
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
