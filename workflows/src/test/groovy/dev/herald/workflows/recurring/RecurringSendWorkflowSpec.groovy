package dev.herald.workflows.recurring

import dev.herald.workflows.common.HeraldSearchAttributes
import dev.herald.workflows.send.FakeSendActivities
import dev.herald.workflows.send.SendProgress
import dev.herald.workflows.send.SendWorkflowImpl
import io.temporal.api.enums.v1.IndexedValueType
import io.temporal.client.WorkflowOptions
import io.temporal.testing.TestWorkflowEnvironment
import io.temporal.testing.WorkflowHistoryLoader
import io.temporal.testing.WorkflowReplayer
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CopyOnWriteArrayList

class RecurringSendWorkflowSpec extends Specification {

    static class FakeRecurringActivities implements RecurringSendActivities {
        final List<String> firings = new CopyOnWriteArrayList<>()
        boolean exists = true
        UUID sendId = UUID.randomUUID()

        @Override
        FiredSend createSend(UUID recurringSendId, String firingId) {
            firings << firingId
            exists ? new FiredSend(sendId, UUID.randomUUID(), 'Recurring send "digest"') : null
        }
    }

    TestWorkflowEnvironment env
    FakeRecurringActivities recurring = new FakeRecurringActivities()
    FakeSendActivities sends = new FakeSendActivities()

    def setup() {
        env = TestWorkflowEnvironment.newInstance()
        HeraldSearchAttributes.ALL.each { env.registerSearchAttribute(it.name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD) }
        def worker = env.newWorker('herald')
        worker.registerWorkflowImplementationTypes(RecurringSendWorkflowImpl, SendWorkflowImpl)
        worker.registerActivitiesImplementations(recurring, sends)
        env.start()
    }

    def cleanup() {
        env.close()
    }

    RecurringSendWorkflow firing(String id) {
        env.workflowClient.newWorkflowStub(RecurringSendWorkflow, WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId(id).build())
    }

    def "a firing stores its send under the firing's id and starts send-<id>, which runs on by itself"() {
        when:
        def sendId = firing('recurring-send-1-2026-01-01T09:00:00Z').fire(new RecurringSendInput(UUID.randomUUID()))
        def progress = env.workflowClient.newUntypedWorkflowStub("send-$sendId").getResult(SendProgress)

        then:
        sendId == recurring.sendId.toString()
        recurring.firings == ['recurring-send-1-2026-01-01T09:00:00Z']
        progress.status() == 'COMPLETED'
        progress.sent() == sends.devices.size()
    }

    def "a firing of a recurring send that was deleted makes nothing"() {
        given:
        recurring.exists = false

        expect:
        firing('recurring-send-2-2026-01-01T09:00:00Z').fire(new RecurringSendInput(UUID.randomUUID())) == null
        sends.calls.isEmpty()
    }

    def "recorded history #file replays on the current code"() {
        when:
        WorkflowReplayer.replayWorkflowExecution(WorkflowHistoryLoader.readHistoryFromResource("histories/$file"), RecurringSendWorkflowImpl)

        then:
        noExceptionThrown()

        where:
        file << ['recurring-send-fired.json']
    }

    def "a fresh firing replays too (and is recorded on request)"() {
        when:
        def id = 'recurring-send-3-2026-01-01T09:00:00Z'
        firing(id).fire(new RecurringSendInput(UUID.randomUUID()))
        def untyped = env.workflowClient.newUntypedWorkflowStub(id)
        def history = env.getWorkflowExecutionHistory(untyped.execution)
        WorkflowReplayer.replayWorkflowExecution(history, RecurringSendWorkflowImpl)
        if (Boolean.getBoolean('herald.recordHistories')) {
            Files.writeString(Path.of('src/test/resources/histories', 'recurring-send-fired.json'), history.toJson(true))
        }

        then:
        noExceptionThrown()
    }
}
