package dev.herald.workflows.maintenance

import io.temporal.client.WorkflowOptions
import io.temporal.common.WorkflowExecutionHistory
import io.temporal.testing.TestWorkflowEnvironment
import io.temporal.testing.WorkflowHistoryLoader
import io.temporal.testing.WorkflowReplayer
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant

/**
 * The device cleanup workflow must replay recorded histories; record afresh with
 * {@code -Dherald.recordHistories=true} when a change is deliberately incompatible.
 */
class DeviceCleanupWorkflowReplaySpec extends Specification {

    /** Deletes {@code chunk} devices per call until {@code total} are gone; records the cutoffs it was given. */
    static class FakeMaintenance implements MaintenanceActivities {
        int total
        List<Instant> cutoffs = []

        @Override
        int deleteDisabledDevices(Instant cutoff, int limit) {
            cutoffs << cutoff
            int n = Math.min(limit, total)
            total -= n
            n
        }
    }

    def "recorded history #file replays on the current code"() {
        when:
        WorkflowReplayer.replayWorkflowExecution(WorkflowHistoryLoader.readHistoryFromResource("histories/$file"), DeviceCleanupWorkflowImpl)

        then:
        noExceptionThrown()

        where:
        file << ['device-cleanup-two-chunks.json']
    }

    def "a run deletes chunk after chunk with the cutoff grace before its own clock, and replays"() {
        given:
        def fake = new FakeMaintenance(total: DeviceCleanupWorkflowImpl.CHUNK + 7)

        when:
        def (deleted, history, startedAt) = record(fake)
        if (Boolean.getBoolean('herald.recordHistories')) {
            Files.writeString(Path.of('src/test/resources/histories/device-cleanup-two-chunks.json'), history.toJson(true))
        }
        WorkflowReplayer.replayWorkflowExecution(history, DeviceCleanupWorkflowImpl)

        then:
        deleted == DeviceCleanupWorkflowImpl.CHUNK + 7
        fake.cutoffs.size() == 2
        fake.cutoffs.every { Duration.between(it, startedAt).abs().minus(Duration.ofDays(30)).abs() < Duration.ofMinutes(1) }
    }

    static List record(FakeMaintenance fake) {
        def env = TestWorkflowEnvironment.newInstance()
        try {
            def worker = env.newWorker('herald')
            worker.registerWorkflowImplementationTypes(DeviceCleanupWorkflowImpl)
            worker.registerActivitiesImplementations(fake)
            env.start()
            def startedAt = Instant.ofEpochMilli(env.currentTimeMillis())
            def stub = env.workflowClient.newWorkflowStub(DeviceCleanupWorkflow,
                    WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId('device-cleanup').build())
            int deleted = stub.run(Duration.ofDays(30))
            def untyped = env.workflowClient.newUntypedWorkflowStub('device-cleanup')
            [deleted, env.getWorkflowExecutionHistory(untyped.execution), startedAt]
        } finally {
            env.close()
        }
    }
}
