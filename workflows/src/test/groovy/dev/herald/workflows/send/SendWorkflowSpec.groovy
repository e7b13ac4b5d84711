package dev.herald.workflows.send

import io.temporal.api.common.v1.WorkflowExecution
import io.temporal.api.enums.v1.PendingActivityState
import io.temporal.api.enums.v1.WorkflowExecutionStatus
import io.temporal.api.workflow.v1.WorkflowExecutionInfo
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse
import io.temporal.client.WorkflowNotFoundException
import io.temporal.client.WorkflowOptions
import io.temporal.client.WorkflowStub
import io.temporal.client.WorkflowUpdateException
import io.temporal.testing.TestWorkflowEnvironment
import spock.lang.Specification
import spock.lang.Timeout

import java.time.Duration
import java.time.Instant
import java.util.concurrent.TimeUnit

class SendWorkflowSpec extends Specification {

    TestWorkflowEnvironment env
    FakeSendActivities activities = new FakeSendActivities()

    def setup() {
        env = TestWorkflowEnvironment.newInstance()
        def worker = env.newWorker('herald')
        worker.registerWorkflowImplementationTypes(SendWorkflowImpl)
        worker.registerActivitiesImplementations(activities)
        env.start()
    }

    def cleanup() {
        env.close()
    }

    SendWorkflow newSend(UUID id = UUID.randomUUID()) {
        env.workflowClient.newWorkflowStub(SendWorkflow,
                WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId("send-$id").build())
    }

    SendWorkflow existing(UUID id) {
        env.workflowClient.newWorkflowStub(SendWorkflow, "send-$id")
    }

    List<PendingActivityState> pendingActivityStates(UUID id) {
        pendingActivityStates(env, id)
    }

    static List<PendingActivityState> pendingActivityStates(TestWorkflowEnvironment env, UUID id) {
        describe(env, WorkflowExecution.newBuilder().setWorkflowId("send-$id").build()).pendingActivitiesList*.state
    }

    /** A run of a send, or its latest run when {@code run} names no run id. */
    static DescribeWorkflowExecutionResponse describe(TestWorkflowEnvironment env, WorkflowExecution run) {
        env.workflowServiceStubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.namespace).setExecution(run).build())
    }

    WorkflowExecutionInfo describe(WorkflowExecution run) {
        describe(env, run).workflowExecutionInfo
    }

    long historyLength(UUID id) {
        describe(WorkflowExecution.newBuilder().setWorkflowId("send-$id").build()).historyLength
    }

    static void waitUntil(Closure<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 30_000
        while (!condition()) {
            assert System.currentTimeMillis() < deadline: 'timed out waiting'
            Thread.sleep(20)
        }
    }

    Instant inHours(long hours) {
        Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(hours))
    }

    def "a small send walks one lane page after page, then records completion"() {
        given:
        activities.devices = FakeSendActivities.devices(1200)

        when:
        def progress = newSend().run(SendWorkflowInput.fresh(UUID.randomUUID(), null))

        then:
        activities.calls == ['start', 'deliver', 'deliver', 'deliver', 'finish:COMPLETED:not_delivered']
        progress == new SendProgress('COMPLETED', 1200, 1200, 1200, 0, 0, 0)
        activities.deliveries.size() == 1200
        activities.deliveries.values()*.get().every { it == 1 }
    }

    def "a broadcast walks its lanes concurrently and reaches every device exactly once"() {
        given:
        activities.devices = FakeSendActivities.devices(5_000)

        when:
        def progress = newSend().run(SendWorkflowInput.fresh(UUID.randomUUID(), null))

        then:
        progress == new SendProgress('COMPLETED', 5_000, 5_000, 5_000, 0, 0, 0)
        activities.deliveries.keySet() == activities.devices as Set
        activities.deliveries.values()*.get().every { it == 1 }
        activities.maxActive > 1
        activities.maxActive <= SendWorkflowImpl.MAX_LANES
    }

    def "a page whose retries run out is abandoned and the send goes on"() {
        given:
        activities.devices = FakeSendActivities.devices(6)
        activities.devicesPerPage = 2
        activities.failing = [activities.devices[2]]

        when:
        def progress = newSend().run(SendWorkflowInput.fresh(UUID.randomUUID(), null))

        then:
        activities.calls == ['start', 'deliver', 'deliver', 'abandon:retries_exhausted', 'deliver', 'finish:COMPLETED:not_delivered']
        progress == new SendProgress('COMPLETED', 6, 6, 4, 2, 0, 0)
    }

    def "a long send continues as new, keeping every run's history short and its totals"() {
        given:
        activities.devices = FakeSendActivities.devices(700)
        activities.devicesPerPage = 1
        def id = UUID.randomUUID()

        when:
        def firstRun = WorkflowStub.fromTyped(newSend(id)).start(SendWorkflowInput.fresh(id, null))
        def progress = env.workflowClient.newUntypedWorkflowStub("send-$id").getResult(SendProgress)
        def first = describe(firstRun)

        then:
        progress == new SendProgress('COMPLETED', 700, 700, 700, 0, 0, 0)
        first.status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW
        first.historyLength < 10_000
        activities.calls.count { it == 'start' } == 1
        activities.calls.count { it == 'deliver' } == 700
        activities.deliveries.values()*.get().every { it == 1 }
    }

    def "a scheduled send waits for its time"() {
        given:
        def id = UUID.randomUUID()
        WorkflowStub.fromTyped(newSend(id)).start(SendWorkflowInput.fresh(id, inHours(5)))

        when:
        env.sleep(Duration.ofHours(4))

        then:
        activities.calls == []

        when:
        env.sleep(Duration.ofHours(2))
        env.workflowClient.newUntypedWorkflowStub("send-$id").getResult(SendProgress)

        then:
        activities.calls.first() == 'start'
        activities.calls.last() == 'finish:COMPLETED:not_delivered'
    }

    def "cancelling a scheduled send ends it without delivering; a finished send cannot be cancelled again"() {
        given:
        def id = UUID.randomUUID()
        WorkflowStub.fromTyped(newSend(id)).start(SendWorkflowInput.fresh(id, inHours(24)))

        when:
        def progress = existing(id).cancel()

        then:
        progress.status() == 'CANCELLED'
        activities.calls == ['finish:CANCELLED:cancelled']
        existing(id).progress().status() == 'CANCELLED'

        when:
        existing(id).cancel()

        then:
        thrown(WorkflowNotFoundException)
    }

    def "a paused send delivers nothing until resumed, then completes; pausing twice is refused"() {
        given:
        def id = UUID.randomUUID()
        WorkflowStub.fromTyped(newSend(id)).start(SendWorkflowInput.fresh(id, inHours(1)))

        when: 'paused before its time, then its time comes'
        existing(id).pause()
        env.sleep(Duration.ofHours(2))

        then: 'it started but delivered nothing, and says it is paused'
        activities.calls == ['start', 'paused:true']
        existing(id).progress().status() == 'PAUSED'

        when:
        existing(id).pause()

        then:
        thrown(WorkflowUpdateException)

        when:
        existing(id).resume()
        def progress = env.workflowClient.newUntypedWorkflowStub("send-$id").getResult(SendProgress)

        then:
        activities.calls == ['start', 'paused:true', 'paused:false', 'deliver', 'finish:COMPLETED:not_delivered']
        progress.sent() == 6
    }

    @Timeout(60) // a stuck run would otherwise hang the build
    def "paused mid-broadcast, the page in flight finishes and nothing more goes out until resumed; then it completes"() {
        given: 'ten devices in pages of two; the second page stalls at its second device'
        activities.devices = FakeSendActivities.devices(10)
        activities.devicesPerPage = 2
        activities.stallOn = activities.devices[3]
        def id = UUID.randomUUID()
        WorkflowStub.fromTyped(newSend(id)).start(SendWorkflowInput.fresh(id, null))
        assert activities.stalled.await(30, TimeUnit.SECONDS)

        when: 'paused while that page is in flight, which then finishes'
        def paused = existing(id).pause()
        activities.release.countDown()
        waitUntil { 'paused:true' in activities.calls }
        env.sleep(Duration.ofHours(1))

        then: 'the workflow is not stuck: it answers, says paused, and sent nothing past the page in flight'
        paused.status() == 'PAUSED'
        existing(id).progress() == new SendProgress('PAUSED', 10, 4, 4, 0, 0, 0)
        activities.deliveries.keySet() == activities.devices[0..3] as Set
        activities.calls == ['start', 'deliver', 'deliver', 'paused:true']

        when:
        def resumed = existing(id).resume()
        def progress = env.workflowClient.newUntypedWorkflowStub("send-$id").getResult(SendProgress)

        then:
        resumed.status() == 'RUNNING'
        progress == new SendProgress('COMPLETED', 10, 10, 10, 0, 0, 0)
        activities.deliveries.keySet() == activities.devices as Set
        activities.deliveries.values()*.get().every { it == 1 }
        activities.calls == ['start', 'deliver', 'deliver', 'paused:true', 'paused:false', 'deliver', 'deliver', 'deliver',
                             'finish:COMPLETED:not_delivered']
    }

    @Timeout(60)
    def "paused when its history is full, a send stays paused in the same run; resumed, it continues as new and completes"() {
        given: 'a device per page, the page in flight once the history nears its limit stalls'
        activities.devices = FakeSendActivities.devices(700)
        activities.devicesPerPage = 1
        def id = UUID.randomUUID()
        activities.stallPageWhen = { historyLength(id) > SendWorkflowImpl.HISTORY_LIMIT - 100 }
        def firstRun = WorkflowStub.fromTyped(newSend(id)).start(SendWorkflowInput.fresh(id, null))
        assert activities.stalled.await(30, TimeUnit.SECONDS)

        when: 'paused and resumed while that page is in flight until the history is past its limit, then paused for good'
        while (historyLength(id) <= SendWorkflowImpl.HISTORY_LIMIT) {
            existing(id).pause()
            existing(id).resume()
        }
        existing(id).pause()
        activities.release.countDown()
        waitUntil { 'paused:true' in activities.calls }
        env.sleep(Duration.ofHours(1))
        int delivered = activities.deliveries.size()

        then: 'the full run neither delivers nor continues as new: it waits, paused'
        existing(id).progress().status() == 'PAUSED'
        describe(firstRun).status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        describe(firstRun).historyLength > SendWorkflowImpl.HISTORY_LIMIT
        delivered < 700
        activities.calls.count { it == 'deliver' } == delivered

        when:
        existing(id).resume()
        def progress = env.workflowClient.newUntypedWorkflowStub("send-$id").getResult(SendProgress)

        then: 'the next run takes over the rest, and no device is reached twice'
        describe(firstRun).status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW
        progress == new SendProgress('COMPLETED', 700, 700, 700, 0, 0, 0)
        activities.deliveries.keySet() == activities.devices as Set
        activities.deliveries.values()*.get().every { it == 1 }
        activities.calls.count { it == 'paused:true' } == 1
    }

    @Timeout(60)
    def "cancelled mid-broadcast, the page in flight stops before its next device and no further page starts"() {
        given: 'ten devices in pages of two; the second page stalls at its first device'
        activities.devices = FakeSendActivities.devices(10)
        activities.devicesPerPage = 2
        activities.stallOn = activities.devices[2]
        def id = UUID.randomUUID()
        WorkflowStub.fromTyped(newSend(id)).start(SendWorkflowInput.fresh(id, null))
        assert activities.stalled.await(30, TimeUnit.SECONDS)

        when: 'cancelled while that page is in flight (the cancel answers once the send is finished)'
        SendProgress cancelled = null
        def cancelling = Thread.start { cancelled = existing(id).cancel() }
        waitUntil { pendingActivityStates(id) == [PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED] }
        activities.release.countDown()
        cancelling.join(30_000)
        def result = env.workflowClient.newUntypedWorkflowStub("send-$id").getResult(SendProgress)

        then: 'the device whose push was out got it; the rest of the page and every later page did not'
        activities.deliveries.keySet() == activities.devices[0..2] as Set
        activities.calls == ['start', 'deliver', 'deliver', 'abandon:cancelled', 'finish:CANCELLED:cancelled']

        and: 'the cancel, the result and the progress query all say cancelled, counting the stopped device as failed'
        cancelled == new SendProgress('CANCELLED', 10, 4, 3, 1, 0, 0)
        result == cancelled
        existing(id).progress() == cancelled
    }

    def "a send with a rate delivers a second's worth of devices per page, no faster"() {
        given:
        activities.devices = FakeSendActivities.devices(1000)
        activities.ratePerSecond = 100
        def id = UUID.randomUUID()
        def started = env.currentTimeMillis()

        when:
        def progress = newSend(id).run(SendWorkflowInput.fresh(id, null))

        then:
        progress.sent() == 1000
        activities.calls.count { it == 'deliver' } == 10
        env.currentTimeMillis() - started >= 9_000
    }

    def "deferred devices are delivered group by group when their instant comes, each once"() {
        given:
        activities.devices = FakeSendActivities.devices(10)
        def at9 = inHours(3)
        def at10 = inHours(4)
        activities.deviceDeferrals(at9, activities.devices[0..2])
        activities.deviceDeferrals(at10, activities.devices[3..4])
        def id = UUID.randomUUID()

        when:
        WorkflowStub.fromTyped(newSend(id)).start(SendWorkflowInput.fresh(id, null))
        env.sleep(Duration.ofHours(1))

        then: 'the first pass delivered the rest and the deferred wait'
        existing(id).progress() == new SendProgress('RUNNING', 10, 10, 5, 0, 0, 5)

        when:
        def progress = env.workflowClient.newUntypedWorkflowStub("send-$id").getResult(SendProgress)

        then:
        progress == new SendProgress('COMPLETED', 10, 10, 10, 0, 0, 0)
        activities.deliveries.values()*.get().every { it == 1 }
        activities.devices[0..2].every { !activities.deliveredAt[it].isBefore(at9) }
        activities.devices[3..4].every { !activities.deliveredAt[it].isBefore(at10) }
        activities.calls.findAll { it.startsWith('deliver@') }.toSet() == ["deliver@$at9", "deliver@$at10"].collect { it.toString() }.toSet()
    }

    def "a send rebuilt paused (its run lost with the embedded Temporal) delivers nothing until resumed"() {
        given:
        def id = UUID.randomUUID()
        WorkflowStub.fromTyped(newSend(id)).start(SendWorkflowInput.resumedPaused(id, null))

        when:
        env.sleep(Duration.ofMinutes(10))

        then: 'it starts (the ledger keeps what went out before) and stays paused'
        waitUntil { activities.calls == ['start', 'paused:true'] }
        existing(id).progress().status() == 'PAUSED'

        when:
        existing(id).resume()
        def result = WorkflowStub.fromTyped(existing(id)).getResult(SendProgress)

        then:
        result.status() == 'COMPLETED'
        activities.calls.contains('deliver')
        activities.calls.last().startsWith('finish:COMPLETED')
    }
}
