package dev.herald.workflows.send

import io.temporal.api.enums.v1.WorkflowExecutionStatus
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest
import io.temporal.client.WorkflowNotFoundException
import io.temporal.client.WorkflowOptions
import io.temporal.client.WorkflowStub
import io.temporal.client.WorkflowUpdateException
import io.temporal.testing.TestWorkflowEnvironment
import spock.lang.Specification

import java.time.Duration
import java.time.Instant

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
        def first = env.workflowServiceStubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.namespace).setExecution(firstRun).build()).workflowExecutionInfo

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
}
