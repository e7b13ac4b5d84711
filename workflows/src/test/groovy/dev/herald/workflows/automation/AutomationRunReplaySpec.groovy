package dev.herald.workflows.automation

import dev.herald.workflows.common.HeraldSearchAttributes
import dev.herald.workflows.send.FakeSendActivities
import dev.herald.workflows.send.SendWorkflowImpl
import groovy.json.JsonSlurper
import io.temporal.api.enums.v1.IndexedValueType
import io.temporal.client.WorkflowOptions
import io.temporal.client.WorkflowStub
import io.temporal.common.WorkflowExecutionHistory
import io.temporal.testing.TestWorkflowEnvironment
import io.temporal.testing.WorkflowHistoryLoader
import io.temporal.testing.WorkflowReplayer
import io.temporal.worker.Worker
import io.temporal.worker.WorkerOptions
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant

/**
 * The interpreter must replay the recorded histories of each shipped example: a change that
 * breaks determinism fails here before it breaks runs in flight. Record afresh with
 * {@code -Dherald.recordHistories=true} when a change is deliberately incompatible.
 */
class AutomationRunReplaySpec extends Specification {

    static final List<String> RECORDED = ['automation-geofence-welcome', 'automation-geofence-welcome-recently-pushed',
                                          'automation-onboarding-drip', 'automation-onboarding-drip-opened',
                                          'automation-cart-abandonment', 'automation-cart-abandonment-checked-out',
                                          // recorded at wait-for-event-window version 2 (events since the run started, own pushes' opens)
                                          'automation-onboarding-drip-opened-v2', 'automation-cart-abandonment-checked-out-v2',
                                          // a run failed at a step, its reason passed to the finish activity
                                          'automation-cart-abandonment-failed']

    static TestWorkflowEnvironment replayEnv
    static Worker replayWorker

    /** Replays on a worker whose deadlock detector allows for a loaded machine loading classes on the first replay. */
    def setupSpec() {
        replayEnv = TestWorkflowEnvironment.newInstance()
        replayWorker = replayEnv.newWorker('replay', WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build())
        replayWorker.registerWorkflowImplementationTypes(AutomationRunWorkflowImpl, SendWorkflowImpl)
    }

    def cleanupSpec() {
        replayEnv.close()
    }

    def "recorded history #file replays on the current code"() {
        when:
        WorkflowReplayer.replayWorkflowExecution(WorkflowHistoryLoader.readHistoryFromResource("histories/${file}.json"), replayWorker)

        then:
        noExceptionThrown()

        where:
        file << RECORDED
    }

    def "a fresh run of #scenario takes #path, replays, and is recorded on request"() {
        when:
        def recorded = record(example, user, script)

        then:
        recorded.result.path == path
        recorded.result.status == status
        WorkflowReplayer.replayWorkflowExecution(recorded.history, replayWorker)
        if (Boolean.getBoolean('herald.recordHistories')) {
            Files.writeString(Path.of('src/test/resources/histories', "${scenario}.json"), recorded.history.toJson(true))
        }

        where:
        scenario                                      | example            | user                                      | script          || path                                               | status
        'automation-geofence-welcome'                 | 'geofence-welcome' | [id: 'u1']                                | { env, id -> }  || ['pushed-recently', 'welcome']                     | 'COMPLETED'
        'automation-geofence-welcome-recently-pushed' | 'geofence-welcome' | [id: 'u1', lastPushAt: Instant.now().toString()] | { env, id -> } || ['pushed-recently']                        | 'COMPLETED'
        'automation-onboarding-drip'                  | 'onboarding-drip'  | [id: 'u1', timezone: 'Asia/Tokyo']        | { env, id -> }  || ['next-morning', 'day-1', 'opened', 'day-3']       | 'COMPLETED'
        'automation-onboarding-drip-opened'           | 'onboarding-drip'  | [id: 'u1']                                | OPEN_DAY_ONE    || ['next-morning', 'day-1', 'opened']                | 'COMPLETED'
        'automation-cart-abandonment'                 | 'cart-abandonment' | [id: 'u1']                                | { env, id -> }  || ['checkout', 'remind']                             | 'COMPLETED'
        'automation-cart-abandonment-checked-out'     | 'cart-abandonment' | [id: 'u1']                                | CHECK_OUT       || ['checkout']                                       | 'COMPLETED'
        'automation-onboarding-drip-opened-v2'        | 'onboarding-drip'  | [id: 'u1']                                | OPEN_DAY_ONE    || ['next-morning', 'day-1', 'opened']                | 'COMPLETED'
        'automation-cart-abandonment-checked-out-v2'  | 'cart-abandonment' | [id: 'u1']                                | CHECK_OUT       || ['checkout']                                       | 'COMPLETED'
        'automation-cart-abandonment-failed'          | 'cart-abandonment' | [id: 'u1', sendFailure: NO_VALUE]         | { env, id -> }  || ['checkout', 'remind']                             | 'FAILED'
    }

    static final String NO_VALUE = 'no push to send: title: {{user.locale}} has no value'

    def "a run that fails at a step passes the step and the cause to its finish activity"() {
        when:
        def activities = new FakeAutomationActivities(user: [id: 'u1'], sendFailure: NO_VALUE)
        def recorded = record('cart-abandonment', activities, { env, id -> })

        then:
        recorded.result.status == 'FAILED'
        activities.calls.last() == "finish:FAILED:step remind: $NO_VALUE".toString()
    }

    static final Closure OPEN_DAY_ONE = { TestWorkflowEnvironment env, String id ->
        awaitStep(env, id, 'opened')
        env.sleep(Duration.ofHours(3))
        env.workflowClient.newWorkflowStub(AutomationRunWorkflow, id).event(new RunEvent('e-open', 'push.opened',
                [sendId: FakeAutomationActivities.sendIdOf(1, 'day-1')], env.currentTimeMillis()))
    }

    static final Closure CHECK_OUT = { TestWorkflowEnvironment env, String id ->
        awaitStep(env, id, 'checkout')
        env.sleep(Duration.ofMinutes(20))
        env.workflowClient.newWorkflowStub(AutomationRunWorkflow, id).event(new RunEvent('e-checkout', 'checkout.completed', [orderId: 'A-1'], env.currentTimeMillis()))
    }

    static void awaitStep(TestWorkflowEnvironment env, String id, String step) {
        def stub = env.workflowClient.newWorkflowStub(AutomationRunWorkflow, id)
        long deadline = System.currentTimeMillis() + 10_000
        while (stub.currentStep() != step && System.currentTimeMillis() < deadline) {
            env.sleep(Duration.ofMinutes(30))
        }
        assert stub.currentStep() == step
    }

    static Map record(String example, Map user, Closure script) {
        Map facts = user.findAll { it.key != 'sendFailure' }
        record(example, new FakeAutomationActivities(user: facts, sendFailure: user.sendFailure as String), script)
    }

    static Map record(String example, FakeAutomationActivities activities, Closure script) {
        def env = TestWorkflowEnvironment.newInstance()
        try {
            HeraldSearchAttributes.ALL.each { env.registerSearchAttribute(it.name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD) }
            def worker = env.newWorker('herald')
            worker.registerWorkflowImplementationTypes(AutomationRunWorkflowImpl, SendWorkflowImpl)
            worker.registerActivitiesImplementations(activities, new FakeSendActivities(devices: FakeSendActivities.devices(1)))
            env.start()
            def definition = new JsonSlurper().parse(AutomationRunReplaySpec.getResourceAsStream("/automation-examples/${example}.json")) as Map
            def id = "automation-$example-u1-1".toString()
            def trigger = new RunEvent('e-1', 'trigger', [items: 2, geofenceName: 'Store Mitte'], env.currentTimeMillis())
            WorkflowStub.fromTyped(env.workflowClient.newWorkflowStub(AutomationRunWorkflow,
                    WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId(id).build()))
                    .start(new AutomationRunInput(1, UUID.randomUUID(), example, 1, 'u1', definition, trigger, trigger.properties()))
            script(env, id)
            def untyped = env.workflowClient.newUntypedWorkflowStub(id)
            def result = untyped.getResult(RunResult)
            [result: result, history: env.getWorkflowExecutionHistory(untyped.execution)]
        } finally {
            env.close()
        }
    }
}
