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
import java.time.Instant

/**
 * A run rebuilt at the step it had reached (the embedded Temporal lost it with the last
 * process): its delay and wait run only for the time that remains, the events it had received
 * are in hand again, those its waits used stay used, and a push whose send had finished is not
 * sent again. And what a run records at each step is enough to rebuild it.
 */
class AutomationRunResumeSpec extends Specification {

    static final String ID = 'automation-resume-u1-1'

    TestWorkflowEnvironment env
    FakeAutomationActivities activities = new FakeAutomationActivities()
    FakeSendActivities sends = new FakeSendActivities(devices: FakeSendActivities.devices(1))

    def setup() {
        env = TestWorkflowEnvironment.newInstance()
        HeraldSearchAttributes.ALL.each { env.registerSearchAttribute(it.name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD) }
        def worker = env.newWorker('herald')
        worker.registerWorkflowImplementationTypes(AutomationRunWorkflowImpl, SendWorkflowImpl)
        worker.registerActivitiesImplementations(activities, sends)
        env.start()
    }

    def cleanup() {
        env.close()
    }

    def "rebuilt 40 minutes into a one-hour delay, it pushes 20 minutes later, not an hour later"() {
        when:
        start(delayThenPush(), resumeAt('pause', Duration.ofMinutes(40)))
        env.sleep(Duration.ofMinutes(19))

        then: 'nothing yet'
        !activities.calls.any { it.startsWith('send:') }

        when:
        env.sleep(Duration.ofMinutes(2))
        def result = result()

        then:
        activities.calls.contains('send:tip:A tip')
        result.status() == 'COMPLETED'
        result.path() == ['pause', 'tip']

        and: 'the step it was rebuilt at is not recorded again; the next one is'
        activities.marks*.stepId == ['tip']
    }

    def "rebuilt 50 minutes into a one-hour wait, it times out 10 minutes later"() {
        when:
        start(delayThenWait(), resumeAt('checkout', Duration.ofMinutes(50)))
        env.sleep(Duration.ofMinutes(9))

        then:
        !activities.calls.any { it.startsWith('send:') }

        when:
        env.sleep(Duration.ofMinutes(2))

        then:
        result().path() == ['checkout', 'remind']
        activities.calls.contains('send:remind:Forgot something?')
    }

    def "a rebuilt wait is met by an event received before the restart only if no earlier wait used it"() {
        given:
        def received = eventIds.collect { new RunEvent(it, 'app.opened', [:], env.currentTimeMillis()) }

        when:
        start(twoWaits(), new RunResume('second-open', now().minus(Duration.ofMinutes(10)), [], used, received, false))
        def result = result()

        then:
        result.path() == path

        where:
        eventIds                 | used      || path
        ['e-open-1']             | ['e-open-1'] || ['second-open', 'nudge']
        ['e-open-1', 'e-open-2'] | ['e-open-1'] || ['second-open']
        ['e-open-1']             | []        || ['second-open']
    }

    def "a push step whose send had finished is not sent again, and an open of it still meets the next wait"() {
        given:
        def tipSend = FakeAutomationActivities.sendIdOf(1, 'tip')
        def opened = new RunEvent('e-open', 'push.opened', [sendId: tipSend], env.currentTimeMillis())

        when:
        start(tipThenWaitForOpen(), new RunResume('tip', now().minus(Duration.ofSeconds(5)), [tipSend], [], [opened], true))
        def result = result()

        then:
        result.path() == ['tip', 'opened']
        result.sendIds() == [tipSend]
        !sends.calls.contains('start')
    }

    def "a push step whose send had not finished runs its send, which the ledger keeps from pushing twice"() {
        when:
        start(tipThenWaitForOpen(), new RunResume('tip', now().minus(Duration.ofSeconds(5)), [], [], [], false))
        def result = result()

        then:
        result.path() == ['tip', 'opened', 'follow-up']
        sends.calls.count('start') == 2
    }

    def "the goal among the events received before the restart ends the rebuilt run at once"() {
        given:
        def subscribed = new RunEvent('e-goal', 'subscription.started', [:], env.currentTimeMillis())

        when:
        start(delayThenPush() + [goal: [event: 'subscription.started']], new RunResume('pause', now(), [], [], [subscribed], false))

        then:
        result().status() == 'GOAL_REACHED'
        !activities.calls.any { it.startsWith('send:') }
    }

    def "each step records when it began and the events waits used so far"() {
        when:
        start(twoWaits(), null)
        signal('e-open-1', 'app.opened')
        env.sleep(Duration.ofMinutes(5))
        signal('e-open-2', 'app.opened')
        result()

        then:
        activities.marks*.stepId == ['first-open', 'second-open']
        activities.marks*.usedEventIds == [[], ['e-open-1']]
        activities.marks.every { it.runId() == 1 && it.startedAt() != null }
    }

    static Map delayThenPush() {
        [name : 'Tip later', trigger: [event: 'user.signed_up'],
         steps: [[id: 'pause', type: 'delay', duration: '1h'],
                 [id: 'tip', type: 'send_push', title: 'A tip', body: 'Try this.']]]
    }

    static Map delayThenWait() {
        AutomationRunWaitSpec.delayThenWait()
    }

    static Map twoWaits() {
        AutomationRunWaitSpec.twoWaits()
    }

    static Map tipThenWaitForOpen() {
        AutomationRunWaitSpec.tipThenWaitForOpen()
    }

    RunResume resumeAt(String step, Duration ago) {
        new RunResume(step, now().minus(ago), [], [], [], false)
    }

    Instant now() {
        Instant.ofEpochMilli(env.currentTimeMillis())
    }

    void start(Map definition, RunResume resume) {
        def trigger = new RunEvent('e-1', 'trigger', [:], env.currentTimeMillis())
        WorkflowStub.fromTyped(env.workflowClient.newWorkflowStub(AutomationRunWorkflow,
                WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId(ID).build()))
                .start(new AutomationRunInput(1, UUID.randomUUID(), 'resume', 1, 'u1', definition, trigger, [:], resume))
    }

    void signal(String id, String name) {
        env.workflowClient.newWorkflowStub(AutomationRunWorkflow, ID).event(new RunEvent(id, name, [:], env.currentTimeMillis()))
    }

    RunResult result() {
        env.workflowClient.newUntypedWorkflowStub(ID).getResult(RunResult)
    }
}
