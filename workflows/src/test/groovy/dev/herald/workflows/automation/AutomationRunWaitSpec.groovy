package dev.herald.workflows.automation

import dev.herald.workflows.common.HeraldSearchAttributes
import dev.herald.workflows.send.FakeSendActivities
import dev.herald.workflows.send.SendWorkflowImpl
import io.temporal.api.enums.v1.IndexedValueType
import io.temporal.client.WorkflowOptions
import io.temporal.client.WorkflowStub
import io.temporal.testing.TestWorkflowEnvironment
import spock.lang.Specification

import java.time.Duration

/**
 * Which events meet a {@code wait_for_event} step, on the Temporal test service: any matching
 * event the run received since it started that no earlier wait used, including one that came
 * while an earlier step was still under way.
 */
class AutomationRunWaitSpec extends Specification {

    static final String ID = 'automation-wait-u1-1'

    TestWorkflowEnvironment env
    FakeAutomationActivities activities = new FakeAutomationActivities()

    def setup() {
        env = TestWorkflowEnvironment.newInstance()
        HeraldSearchAttributes.ALL.each { env.registerSearchAttribute(it.name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD) }
        def worker = env.newWorker('herald')
        worker.registerWorkflowImplementationTypes(AutomationRunWorkflowImpl, SendWorkflowImpl)
        worker.registerActivitiesImplementations(activities, new FakeSendActivities(devices: FakeSendActivities.devices(1)))
        env.start()
    }

    def cleanup() {
        env.close()
    }

    def "a checkout during the delay before the wait meets the wait: no reminder"() {
        when:
        start(delayThenWait())
        env.sleep(Duration.ofMinutes(30))
        signal('e-checkout', 'checkout.completed', [orderId: 'A-1', total: 42])
        def result = result()

        then:
        result.path == ['pause', 'checkout']
        result.sendIds.isEmpty()
        !activities.calls.any { it.startsWith('send:') }
    }

    def "an event that does not match the wait's filter does not meet it, early or late"() {
        when:
        start(delayThenWait())
        env.sleep(Duration.ofMinutes(30))
        signal('e-other', 'checkout.completed', [orderId: 'B-2', total: 0])
        signal('e-cart', 'cart.updated', [items: 3])
        def result = result()

        then:
        result.path == ['pause', 'checkout', 'remind']
        activities.calls.contains('send:remind:Forgot something?')
    }

    def "one event meets one wait only: the second wait for it times out"() {
        when:
        start(twoWaits())
        signal('e-open', 'app.opened', [:])
        def result = result()

        then:
        result.path == ['first-open', 'second-open', 'nudge']
        result.sendIds.size() == 1
    }

    def "an event that arrives while the wait is on still meets it"() {
        when:
        start(delayThenWait())
        env.sleep(Duration.ofMinutes(90))
        signal('e-checkout', 'checkout.completed', [orderId: 'A-1', total: 42])
        def result = result()

        then:
        result.path == ['pause', 'checkout']
    }

    def "a wait for push.opened is met by an open of this run's own push, not of another push to the user"() {
        when:
        start(tipThenWaitForOpen())
        env.sleep(Duration.ofMinutes(10))
        signal('e-other-open', 'push.opened', [sendId: UUID.randomUUID().toString()])
        env.sleep(Duration.ofMinutes(10))
        signal('e-own-open', 'push.opened', [sendId: FakeAutomationActivities.sendIdOf(1, 'tip'), automationStep: 'tip'])
        def result = result()

        then:
        result.path == ['tip', 'opened']
        result.sendIds == [FakeAutomationActivities.sendIdOf(1, 'tip')]
    }

    def "an open of another push alone leaves the wait to time out"() {
        when:
        start(tipThenWaitForOpen())
        env.sleep(Duration.ofMinutes(10))
        signal('e-other-open', 'push.opened', [sendId: UUID.randomUUID().toString()])
        def result = result()

        then:
        result.path == ['tip', 'opened', 'follow-up']
    }

    static Map tipThenWaitForOpen() {
        [name : 'Tip', trigger: [event: 'user.signed_up'],
         steps: [[id: 'tip', type: 'send_push', title: 'A tip', body: 'Try this.'],
                 [id: 'opened', type: 'wait_for_event', event: 'push.opened', timeout: '1h', onEvent: 'end', onTimeout: 'follow-up'],
                 [id: 'follow-up', type: 'send_push', title: 'Another tip', body: 'Or this.']]]
    }

    static Map delayThenWait() {
        [name   : 'Checkout reminder', trigger: [event: 'cart.updated'],
         steps  : [[id: 'pause', type: 'delay', duration: '1h'],
                   [id: 'checkout', type: 'wait_for_event', event: 'checkout.completed', where: [total: [gt: 0]], timeout: '1h',
                    onEvent: 'end', onTimeout: 'remind'],
                   [id: 'remind', type: 'send_push', title: 'Forgot something?', body: 'Your cart is waiting.']]]
    }

    static Map twoWaits() {
        [name : 'Two opens', trigger: [event: 'user.signed_up'],
         steps: [[id: 'first-open', type: 'wait_for_event', event: 'app.opened', timeout: '1h', onEvent: 'second-open', onTimeout: 'end'],
                 [id: 'second-open', type: 'wait_for_event', event: 'app.opened', timeout: '1h', onEvent: 'end', onTimeout: 'nudge'],
                 [id: 'nudge', type: 'send_push', title: 'Come back', body: 'There is more to see.']]]
    }

    void start(Map definition) {
        def trigger = new RunEvent('e-1', 'trigger', [:], env.currentTimeMillis())
        WorkflowStub.fromTyped(env.workflowClient.newWorkflowStub(AutomationRunWorkflow,
                WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId(ID).build()))
                .start(new AutomationRunInput(1, UUID.randomUUID(), 'wait', 1, 'u1', definition, trigger, [:]))
    }

    void signal(String id, String name, Map properties) {
        env.workflowClient.newWorkflowStub(AutomationRunWorkflow, ID).event(new RunEvent(id, name, properties, env.currentTimeMillis()))
    }

    RunResult result() {
        env.workflowClient.newUntypedWorkflowStub(ID).getResult(RunResult)
    }
}
