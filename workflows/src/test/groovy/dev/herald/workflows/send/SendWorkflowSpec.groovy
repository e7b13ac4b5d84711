package dev.herald.workflows.send

import io.temporal.api.enums.v1.WorkflowExecutionStatus
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest
import io.temporal.client.WorkflowClient
import io.temporal.client.WorkflowOptions
import io.temporal.client.WorkflowNotFoundException
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

    def "delivers page after page until the last, then records completion"() {
        given:
        activities.pages = 3

        when:
        def progress = newSend().run(SendWorkflowInput.fresh(UUID.randomUUID(), null))

        then:
        activities.calls == ['markRunning', 'deliver:0', 'deliver:1', 'deliver:2', 'finish:COMPLETED:not_delivered']
        progress == new SendProgress('COMPLETED', 9, 9, 0, 0)
    }

    def "a page whose retries run out is abandoned and the send goes on"() {
        given:
        activities.pages = 3
        activities.failingPages = [1]

        when:
        def progress = newSend().run(SendWorkflowInput.fresh(UUID.randomUUID(), null))

        then:
        activities.calls == ['markRunning', 'deliver:0', 'deliver:1', 'abandon:1:retries_exhausted', 'deliver:2', 'finish:COMPLETED:not_delivered']
        progress == new SendProgress('COMPLETED', 9, 6, 3, 0)
    }

    def "a long send continues as new, keeping its history short and its totals"() {
        given:
        activities.pages = SendWorkflowImpl.MAX_BATCHES_PER_RUN + 50
        activities.devicesPerPage = 1
        def id = UUID.randomUUID()
        def stub = newSend(id)

        when:
        def firstRun = io.temporal.client.WorkflowStub.fromTyped(stub).start(SendWorkflowInput.fresh(id, null))
        def progress = env.workflowClient.newUntypedWorkflowStub("send-$id").getResult(SendProgress)
        def first = env.workflowServiceStubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.namespace).setExecution(firstRun).build()).workflowExecutionInfo

        then:
        progress == new SendProgress('COMPLETED', activities.pages, activities.pages, 0, 0)
        first.status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW
        first.historyLength < 10_000
        activities.calls.count { it == 'markRunning' } == 1
        activities.calls.findAll { it.startsWith('deliver:') } == (0..<activities.pages).collect { "deliver:$it".toString() }
    }

    def "a scheduled send waits for its time"() {
        given:
        def id = UUID.randomUUID()
        def at = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(5))
        io.temporal.client.WorkflowStub.fromTyped(newSend(id)).start(SendWorkflowInput.fresh(id, at))

        when:
        env.sleep(Duration.ofHours(4))

        then:
        activities.calls == []

        when:
        env.sleep(Duration.ofHours(2))
        env.workflowClient.newUntypedWorkflowStub("send-$id").getResult(SendProgress)

        then:
        activities.calls.first() == 'markRunning'
        activities.calls.last() == 'finish:COMPLETED:not_delivered'
    }

    def "cancelling a scheduled send ends it without delivering; a finished send cannot be cancelled again"() {
        given:
        def id = UUID.randomUUID()
        def stub = newSend(id)
        io.temporal.client.WorkflowStub.fromTyped(stub).start(SendWorkflowInput.fresh(id, Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(1))))

        when:
        def progress = env.workflowClient.newWorkflowStub(SendWorkflow, "send-$id").cancel()

        then:
        progress.status() == 'CANCELLED'
        activities.calls == ['finish:CANCELLED:cancelled']
        env.workflowClient.newWorkflowStub(SendWorkflow, "send-$id").progress().status() == 'CANCELLED'

        when:
        env.workflowClient.newWorkflowStub(SendWorkflow, "send-$id").cancel()

        then:
        thrown(WorkflowNotFoundException)
    }
}
