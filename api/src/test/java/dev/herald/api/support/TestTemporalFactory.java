package dev.herald.api.support;

import dev.herald.api.temporal.TemporalFactory;
import dev.herald.api.temporal.TemporalSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

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
    WorkflowClient workflowClient(TestWorkflowEnvironment environment, TemporalSettings settings, TemporalOutage outage) {
        // the environment's channel, through a switch a spec can throw to make Temporal unreachable;
        // retries of a failed call give up within a second, where a real client would keep at it for a minute
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setChannel(environment.getWorkflowServiceStubs().getRawChannel())
                .setGrpcClientInterceptors(List.of(outage))
                .setRpcRetryOptions(RpcRetryOptions.newBuilder().setExpiration(Duration.ofSeconds(1)).validateBuildWithDefaults())
                .build());
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    }

    @Singleton
    WorkerLink workerLink() {
        return new WorkerLink();
    }

    /**
     * The environment's worker factory; or, for a spec that kills its worker
     * ({@code herald.test.killable-worker=true}), a factory whose calls go through a
     * {@link WorkerLink} the spec can sever, and whose workers never ask for sticky workflow tasks.
     */
    @Singleton
    @Replaces(bean = WorkerFactory.class, factory = TemporalFactory.class)
    WorkerFactory workerFactory(TestWorkflowEnvironment environment, TemporalSettings settings, WorkerLink link,
                                @Value("${herald.test.killable-worker:false}") boolean killable) {
        if (!killable) {
            return environment.getWorkerFactory();
        }
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setChannel(environment.getWorkflowServiceStubs().getRawChannel())
                .setGrpcClientInterceptors(List.of(link))
                .validateAndBuildWithDefaults());
        return WorkerFactory.newInstance(WorkflowClient.newInstance(stubs,
                WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build()), killableWorkerOptions());
    }

    /**
     * A killable worker asks for no sticky workflow tasks: the test service (unlike a real
     * cluster) never moves a task from a dead worker's sticky queue back to the normal one (no
     * sticky schedule-to-start timeout, no ResetStickyTaskQueue), so no other worker would ever
     * see the workflow again.
     */
    @SuppressWarnings("deprecation") // the factory-wide form reaches the workers HeraldWorker creates with default options
    public static WorkerFactoryOptions killableWorkerOptions() {
        // zero: completed workflow tasks carry no sticky attributes (ReplayWorkflowTaskHandler)
        return WorkerFactoryOptions.newBuilder().setWorkflowHostLocalTaskQueueScheduleToStartTimeout(Duration.ZERO).build();
    }
}
