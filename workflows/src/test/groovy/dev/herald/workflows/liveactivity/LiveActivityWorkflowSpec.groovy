package dev.herald.workflows.liveactivity

import dev.herald.domain.liveactivity.LiveActivityAlert
import dev.herald.domain.liveactivity.StateUpdate
import io.temporal.api.enums.v1.EventType
import io.temporal.client.WorkflowClient
import io.temporal.client.WorkflowClientOptions
import io.temporal.client.WorkflowNotFoundException
import io.temporal.client.WorkflowOptions
import io.temporal.client.WorkflowStub
import io.temporal.client.WorkflowUpdateException
import io.temporal.failure.ApplicationFailure
import io.temporal.testing.TestWorkflowEnvironment
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.time.Duration
import java.time.Instant

class LiveActivityWorkflowSpec extends Specification {

    static final Duration INTERVAL = Duration.ofSeconds(15)
    static final Duration LIFETIME = Duration.ofHours(8)

    TestWorkflowEnvironment env
    /** A client that never lets time skip by itself: time moves only through env.sleep. */
    WorkflowClient client
    FakeLiveActivityActivities activities = new FakeLiveActivityActivities()
    PollingConditions eventually = new PollingConditions(timeout: 10)
    /** The first run of the activity begun last. */
    io.temporal.api.common.v1.WorkflowExecution firstRun

    def setup() {
        env = TestWorkflowEnvironment.newInstance()
        def worker = env.newWorker('herald')
        worker.registerWorkflowImplementationTypes(LiveActivityWorkflowImpl)
        worker.registerActivitiesImplementations(activities)
        env.start()
        client = WorkflowClient.newInstance(env.workflowServiceStubs, WorkflowClientOptions.newBuilder().setNamespace(env.namespace).build())
    }

    def cleanup() {
        env.close()
    }

    LiveActivityWorkflow begin(UUID id, boolean remoteStart, Map initialState = [eta: 30]) {
        def stub = client.newWorkflowStub(LiveActivityWorkflow,
                WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId("live-activity-$id").build())
        firstRun = WorkflowStub.fromTyped(stub).start(LiveActivityInput.fresh(id, 'IOS', remoteStart, update(initialState), LIFETIME, INTERVAL))
        def activity = client.newWorkflowStub(LiveActivityWorkflow, "live-activity-$id")
        activity.opened()
        activity
    }

    static void waitUntil(Closure<Boolean> condition) {
        def deadline = System.currentTimeMillis() + 30_000
        while (!condition() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5)
        }
        assert condition()
    }

    static StateUpdate update(Map state, Integer priority = null, Instant timestamp = null, LiveActivityAlert alert = null) {
        new StateUpdate(state, alert, null, null, priority, timestamp)
    }

    def "a remote start pushes START; a burst of updates goes out as one push with the latest state; end pushes END"() {
        given:
        def activity = begin(UUID.randomUUID(), true)

        when: 'three updates arrive right after the start push'
        def receipts = [activity.update(update([eta: 20])), activity.update(update([eta: 15])), activity.update(update([eta: 10]))]

        then: 'they wait for the interval, merged'
        receipts*.coalesced() == [false, true, true]
        activities.summary() == ['START:[eta:30]']
        activity.state().updatesCoalesced() == 2
        activity.state().contentState() == [eta: 10]

        when: 'the interval passes'
        env.sleep(INTERVAL)

        then: 'one push carries the latest state'
        eventually.eventually { assert activities.summary() == ['START:[eta:30]', 'UPDATE:[eta:10]'] }

        when:
        def ended = activity.end(new EndRequest([eta: 0], null, null, null))

        then:
        activities.summary() == ['START:[eta:30]', 'UPDATE:[eta:10]', 'END:[eta:0]']
        ended.status() == 'ENDED'
        ended.endReason() == 'ended'
        activities.ended == ['ended:[eta:0]']
        activities.pushes*.sequence() == [1, 2, 3]
    }

    def "an update long after the last high-priority push goes out at once; low-priority updates never wait"() {
        given:
        def activity = begin(UUID.randomUUID(), false)

        when:
        activity.update(update([step: 1]))
        activity.update(update([step: 2], 5))

        then: 'the first goes at once; the second is low priority but merged into nothing, so also at once'
        eventually.eventually { assert activities.summary() == ['UPDATE:[step:1]', 'UPDATE:[step:2]'] }
        activities.pushes*.update()*.effectivePriority() == [10, 5]
    }

    def "an update older than the last accepted one is refused and changes nothing"() {
        given:
        def activity = begin(UUID.randomUUID(), false)
        def now = Instant.ofEpochMilli(env.currentTimeMillis())
        activity.update(update([score: '2-1'], null, now.plusSeconds(10)))

        when:
        activity.update(update([score: '1-1'], null, now.plusSeconds(5)))

        then:
        def e = thrown(WorkflowUpdateException)
        (e.cause as ApplicationFailure).originalMessage.startsWith(LiveActivityWorkflowImpl.STALE_UPDATE + ':')
        activity.state().contentState() == [score: '2-1']
        activity.state().updatesReceived() == 1
    }

    def "an activity nobody ends is ended at its maximum lifetime with an END push of its latest state"() {
        given:
        def id = UUID.randomUUID()
        def activity = begin(id, true)
        activity.update(update([eta: 5]))

        when:
        env.sleep(LIFETIME)
        def result = client.newUntypedWorkflowStub("live-activity-$id").getResult(LiveActivityState)

        then:
        activities.summary() == ['START:[eta:30]', 'UPDATE:[eta:5]', 'END:[eta:5]']
        result.endReason() == 'max_lifetime'
        result.status() == 'ENDED'
        activities.ended == ['max_lifetime:[eta:5]']
    }

    def "updates without an update token wait for one, then the latest state goes out"() {
        given:
        activities.hasUpdateToken = false
        def activity = begin(UUID.randomUUID(), true)

        when:
        env.sleep(INTERVAL)
        activity.update(update([eta: 12]))

        then:
        eventually.eventually { assert activity.state().waitingForToken() }
        activities.summary() == ['START:[eta:30]', 'UPDATE:[eta:12]']

        when: 'the app reports its token'
        activities.hasUpdateToken = true
        activity.updateTokenChanged()
        env.sleep(INTERVAL)

        then:
        eventually.eventually { assert activities.summary() == ['START:[eta:30]', 'UPDATE:[eta:12]', 'UPDATE:[eta:12]'] }
        eventually.eventually { assert !activity.state().waitingForToken() }
    }

    def "a start push that fails permanently ends the activity without an END push"() {
        given:
        activities.startAnswer = PushResult.of(PushResult.Outcome.TOKEN_INVALID, 'apns:BadDeviceToken')
        def id = UUID.randomUUID()

        when:
        def state = begin(id, true).state()

        then:
        state.status() in ['ENDING', 'ENDED']
        client.newUntypedWorkflowStub("live-activity-$id").getResult(LiveActivityState).endReason() == 'start_failed: token_invalid: apns:BadDeviceToken'
        activities.summary() == ['START:[eta:30]']
    }

    def "an ended activity refuses updates and a second end"() {
        given:
        def activity = begin(UUID.randomUUID(), false)
        activity.end(new EndRequest(null, new LiveActivityAlert('Delivered', null, null), null, null))

        when:
        client.newWorkflowStub(LiveActivityWorkflow, "live-activity-${activities.pushes[0].activityId()}").update(update([x: 1]))

        then:
        thrown(Exception)
        activities.summary() == ['END:[eta:30]']
        activities.pushes[0].update().alert().title() == 'Delivered'
    }

    def "a long-lived activity continues as new, keeping its state and counts"() {
        given:
        def id = UUID.randomUUID()
        def activity = begin(id, false)
        int updates = LiveActivityWorkflowImpl.MAX_PUSHES_PER_RUN + 5

        when: 'each update goes out before the next arrives (one sent while the run turns over is sent again)'
        (1..updates).each { n ->
            for (int attempt = 1; ; attempt++) {
                try {
                    activity.update(update([n: n], 5))
                    break
                } catch (WorkflowNotFoundException turningOver) {
                    if (attempt == 20) {
                        throw turningOver
                    }
                    Thread.sleep(50)
                }
            }
            waitUntil { activities.pushes.size() >= n }
            if (n == LiveActivityWorkflowImpl.MAX_PUSHES_PER_RUN) {
                // the run turns over once nothing is in flight; the next update goes to the new run
                waitUntil { env.getWorkflowExecutionHistory(firstRun).lastEvent.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW }
            }
        }
        def state = client.newWorkflowStub(LiveActivityWorkflow, "live-activity-$id").end(new EndRequest(null, null, null, null))

        def first = env.getWorkflowExecutionHistory(firstRun)

        then:
        state.contentState() == [n: updates]
        state.pushes() == updates + 1
        state.updatesReceived() == updates
        first.lastEvent.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
        first.events.size() < 5_000
        activities.ended == ["ended:[n:$updates]".toString()]
    }

    def "an activity rebuilt from its recorded state pushes no START again, keeps stale updates out and ends at its original lifetime"() {
        given: 'recorded 7 hours into its 8, its last pushed state stamped at 10:00'
        def id = UUID.randomUUID()
        def now = Instant.ofEpochMilli(env.currentTimeMillis())
        def startedAt = now.minus(Duration.ofHours(7))
        def stamped = Instant.parse('2026-12-05T10:00:00Z')
        def recorded = LiveActivityState.recorded([eta: 12], null, null, stamped, startedAt, startedAt.plus(LIFETIME),
                now.minus(Duration.ofMinutes(1)), 3, false, 'sent')
        WorkflowStub.fromTyped(client.newWorkflowStub(LiveActivityWorkflow,
                WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId("live-activity-$id").build()))
                .start(LiveActivityInput.resumed(id, 'IOS', true, recorded, LIFETIME, INTERVAL))
        def activity = client.newWorkflowStub(LiveActivityWorkflow, "live-activity-$id")

        when: 'an update stamped before the recorded state'
        activity.update(update([eta: 99], 5, stamped.minusSeconds(60)))

        then:
        thrown(WorkflowUpdateException)
        activity.state().contentState() == [eta: 12]
        activity.state().pushes() == 3

        when: 'short of its original lifetime'
        env.sleep(Duration.ofMinutes(59))

        then: 'nothing was pushed: no second START'
        activities.pushes.isEmpty()

        when:
        env.sleep(Duration.ofMinutes(2))
        def result = client.newUntypedWorkflowStub("live-activity-$id").getResult(LiveActivityState)

        then:
        activities.summary() == ['END:[eta:12]']
        result.endReason() == 'max_lifetime'
    }
}
