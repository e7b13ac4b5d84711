package dev.herald.workflows.send

import io.temporal.api.enums.v1.PendingActivityState
import io.temporal.client.WorkflowClient
import io.temporal.client.WorkflowOptions
import io.temporal.testing.TestWorkflowEnvironment
import io.temporal.testing.WorkflowHistoryLoader
import io.temporal.testing.WorkflowReplayer
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import java.util.concurrent.TimeUnit

/**
 * The send workflow must replay the histories of runs recorded with earlier code: a change
 * that breaks determinism fails here before it breaks runs in flight. Record afresh with
 * {@code -Dherald.recordHistories=true} when a change is deliberately incompatible, or record
 * new scenarios only with {@code -Dherald.recordHistories=name,name}.
 */
class SendWorkflowReplaySpec extends Specification {

    def "recorded history #file replays on the current code"() {
        when:
        WorkflowReplayer.replayWorkflowExecution(WorkflowHistoryLoader.readHistoryFromResource("histories/$file"), SendWorkflowImpl)

        then:
        noExceptionThrown()

        where:
        file << ['send-scheduled-completed.json', 'send-scheduled-cancelled.json', 'send-abandoned-page.json',
                 'send-broadcast-lanes.json', 'send-paused-resumed.json', 'send-deferred-groups.json',
                 'send-paused-mid-page.json', 'send-cancelled-mid-page.json']
    }

    def "a fresh run of each scenario replays too (and is recorded on request)"() {
        expect:
        scenarios().each { name, history ->
            WorkflowReplayer.replayWorkflowExecution(history, SendWorkflowImpl)
            String record = System.getProperty('herald.recordHistories', '')
            if (record == 'true' || name in record.split(',')) {
                def target = Path.of('src/test/resources/histories', "${name}.json")
                Files.writeString(target, history.toJson(true))
            }
        }
    }

    static Map<String, io.temporal.common.WorkflowExecutionHistory> scenarios() {
        [
                'send-scheduled-completed': record(new FakeSendActivities(devices: FakeSendActivities.devices(1200))) { env, stub, id ->
                    io.temporal.client.WorkflowStub.fromTyped(stub).start(SendWorkflowInput.fresh(id, Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(1))))
                    env.sleep(Duration.ofHours(2))
                },
                'send-scheduled-cancelled': record(new FakeSendActivities()) { env, stub, id ->
                    io.temporal.client.WorkflowStub.fromTyped(stub).start(SendWorkflowInput.fresh(id, Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(1))))
                    env.workflowClient.newWorkflowStub(SendWorkflow, "send-$id").cancel()
                },
                'send-abandoned-page'     : record(abandoning()) { env, stub, id ->
                    io.temporal.client.WorkflowStub.fromTyped(stub).start(SendWorkflowInput.fresh(id, null))
                },
                'send-broadcast-lanes'    : record(new FakeSendActivities(devices: FakeSendActivities.devices(6000))) { env, stub, id ->
                    io.temporal.client.WorkflowStub.fromTyped(stub).start(SendWorkflowInput.fresh(id, null))
                },
                'send-paused-resumed'     : record(new FakeSendActivities()) { env, stub, id ->
                    io.temporal.client.WorkflowStub.fromTyped(stub).start(SendWorkflowInput.fresh(id, Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(1))))
                    env.workflowClient.newWorkflowStub(SendWorkflow, "send-$id").pause()
                    env.sleep(Duration.ofHours(2))
                    env.workflowClient.newWorkflowStub(SendWorkflow, "send-$id").resume()
                },
                'send-deferred-groups'    : record(deferring()) { env, stub, id ->
                    io.temporal.client.WorkflowStub.fromTyped(stub).start(SendWorkflowInput.fresh(id, null))
                },
                'send-paused-mid-page'    : stallingMidPage(3) { env, fake, id ->
                    env.workflowClient.newWorkflowStub(SendWorkflow, "send-$id").pause()
                    fake.release.countDown()
                    SendWorkflowSpec.waitUntil { 'paused:true' in fake.calls }
                    env.workflowClient.newWorkflowStub(SendWorkflow, "send-$id").resume()
                },
                'send-cancelled-mid-page' : stallingMidPage(2) { env, fake, id ->
                    def cancelling = Thread.start { env.workflowClient.newWorkflowStub(SendWorkflow, "send-$id").cancel() }
                    SendWorkflowSpec.waitUntil { SendWorkflowSpec.pendingActivityStates(env, id) == [PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED] }
                    fake.release.countDown()
                    cancelling.join(30_000)
                },
        ]
    }

    /** Ten devices in pages of two, the second page stalling at device {@code stallAt} while {@code whileStalled} runs. */
    static io.temporal.common.WorkflowExecutionHistory stallingMidPage(int stallAt, Closure whileStalled) {
        def fake = new FakeSendActivities(devices: FakeSendActivities.devices(10), devicesPerPage: 2)
        fake.stallOn = fake.devices[stallAt]
        record(fake) { env, stub, id ->
            io.temporal.client.WorkflowStub.fromTyped(stub).start(SendWorkflowInput.fresh(id, null))
            assert fake.stalled.await(30, TimeUnit.SECONDS)
            whileStalled(env, fake, id)
        }
    }

    static FakeSendActivities abandoning() {
        def fake = new FakeSendActivities(devicesPerPage: 2)
        fake.failing = [fake.devices[2]]
        fake
    }

    static FakeSendActivities deferring() {
        def fake = new FakeSendActivities()
        fake.deviceDeferrals(Instant.parse('2030-01-01T09:00:00Z'), fake.devices[0..1])
        fake.deviceDeferrals(Instant.parse('2030-01-01T10:00:00Z'), fake.devices[2..2])
        fake
    }

    static io.temporal.common.WorkflowExecutionHistory record(FakeSendActivities activities, Closure scenario) {
        def env = TestWorkflowEnvironment.newInstance()
        try {
            def worker = env.newWorker('herald')
            worker.registerWorkflowImplementationTypes(SendWorkflowImpl)
            worker.registerActivitiesImplementations(activities)
            env.start()
            def id = UUID.randomUUID()
            def stub = env.workflowClient.newWorkflowStub(SendWorkflow,
                    WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId("send-$id").build())
            scenario(env, stub, id)
            def untyped = env.workflowClient.newUntypedWorkflowStub("send-$id")
            untyped.getResult(SendProgress)
            env.getWorkflowExecutionHistory(untyped.execution)
        } finally {
            env.close()
        }
    }
}
