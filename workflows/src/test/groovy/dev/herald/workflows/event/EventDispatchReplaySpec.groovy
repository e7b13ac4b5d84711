package dev.herald.workflows.event

import io.temporal.client.WorkflowOptions
import io.temporal.testing.TestWorkflowEnvironment
import io.temporal.testing.WorkflowHistoryLoader
import io.temporal.testing.WorkflowReplayer
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The event dispatch workflow must replay recorded histories; record afresh with
 * {@code -Dherald.recordHistories=true} when a change is deliberately incompatible.
 */
class EventDispatchReplaySpec extends Specification {

    static final String RECORDED = 'event-dispatch-two-runs-two-automations.json'

    /** Two waiting runs and two triggered automations, one of which keeps the user out; the first entry fails once, as after a crash. */
    static class FakeDispatch implements EventDispatchActivities {
        List<String> calls = Collections.synchronizedList([])
        int enterFailures = 1

        @Override
        DispatchPlan plan(DispatchedEvent event) {
            calls << 'plan'
            new DispatchPlan([11L, 12L], [new DispatchPlan.Entry('cart-abandonment', UUID.fromString('00000000-0000-0000-0000-000000000001')),
                                          new DispatchPlan.Entry('welcome', UUID.fromString('00000000-0000-0000-0000-000000000002'))])
        }

        @Override
        void deliver(DispatchedEvent event, long runId) {
            calls << "deliver:$runId".toString()
        }

        @Override
        EntryOutcome enter(DispatchedEvent event, DispatchPlan.Entry entry) {
            calls << "enter:${entry.automationKey()}".toString()
            if (entry.automationKey() == 'cart-abandonment' && enterFailures-- > 0) {
                throw new IllegalStateException('database blinked')
            }
            entry.automationKey() == 'welcome' ? new EntryOutcome('welcome', null, 'already_running') : new EntryOutcome(entry.automationKey(), 42L, null)
        }
    }

    def "recorded history #file replays on the current code"() {
        when:
        WorkflowReplayer.replayWorkflowExecution(WorkflowHistoryLoader.readHistoryFromResource("histories/$file"), EventDispatchWorkflowImpl)

        then:
        noExceptionThrown()

        where:
        file << [RECORDED]
    }

    def "a dispatch signals the waiting runs, then enters each triggered automation, retrying a failed entry; and replays"() {
        given:
        def fake = new FakeDispatch()

        when:
        def (result, history) = record(fake)
        if (Boolean.getBoolean('herald.recordHistories')) {
            Files.writeString(Path.of("src/test/resources/histories/$RECORDED"), history.toJson(true))
        }
        WorkflowReplayer.replayWorkflowExecution(history, EventDispatchWorkflowImpl)

        then:
        fake.calls == ['plan', 'deliver:11', 'deliver:12', 'enter:cart-abandonment', 'enter:cart-abandonment', 'enter:welcome']
        result.signalledRunIds() == [11L, 12L]
        result.entries() == [new EntryOutcome('cart-abandonment', 42L, null), new EntryOutcome('welcome', null, 'already_running')]
    }

    static List record(FakeDispatch fake) {
        def env = TestWorkflowEnvironment.newInstance()
        try {
            def worker = env.newWorker('herald')
            worker.registerWorkflowImplementationTypes(EventDispatchWorkflowImpl)
            worker.registerActivitiesImplementations(fake)
            env.start()
            def eventId = UUID.fromString('00000000-0000-0000-0000-0000000000e1')
            def event = new DispatchedEvent(eventId, UUID.randomUUID(), UUID.randomUUID(), 'cart.updated', [items: 2], env.currentTimeMillis())
            def stub = env.workflowClient.newWorkflowStub(EventDispatchWorkflow,
                    WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId(event.workflowId()).build())
            def result = stub.dispatch(event)
            [result, env.getWorkflowExecutionHistory(env.workflowClient.newUntypedWorkflowStub(event.workflowId()).execution)]
        } finally {
            env.close()
        }
    }
}
