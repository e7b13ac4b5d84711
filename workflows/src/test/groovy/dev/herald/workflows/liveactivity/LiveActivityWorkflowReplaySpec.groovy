package dev.herald.workflows.liveactivity

import dev.herald.domain.liveactivity.StateUpdate
import io.temporal.client.WorkflowClient
import io.temporal.client.WorkflowClientOptions
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

/**
 * The live activity workflow must replay the histories of runs recorded with earlier code.
 * Record afresh with {@code -Dherald.recordHistories=true} when a change is deliberately incompatible.
 */
class LiveActivityWorkflowReplaySpec extends Specification {

    static final List<String> RECORDED = ['live-activity-coalesced-ended.json', 'live-activity-max-lifetime.json',
                                          'live-activity-token-late.json']

    def "recorded history #file replays on the current code"() {
        when:
        replay(WorkflowHistoryLoader.readHistoryFromResource("histories/$file"))

        then:
        noExceptionThrown()

        where:
        file << RECORDED
    }

    def "a fresh run of each scenario replays too (and is recorded on request)"() {
        expect:
        scenarios().each { name, history ->
            replay(history)
            if (Boolean.getBoolean('herald.recordHistories')) {
                Files.writeString(Path.of('src/test/resources/histories', "${name}.json"), history.toJson(true))
            }
        }
    }

    /**
     * Replays on a worker whose deadlock detector allows for a loaded CI machine: the first
     * replay in a JVM loads and initialises a good many classes while holding the workflow thread.
     */
    static void replay(WorkflowExecutionHistory history) {
        WorkflowReplayer.replayWorkflowExecution(history, replayWorker)
    }

    static TestWorkflowEnvironment replayEnv
    static Worker replayWorker

    def setupSpec() {
        replayEnv = TestWorkflowEnvironment.newInstance()
        replayWorker = replayEnv.newWorker('replay', WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build())
        replayWorker.registerWorkflowImplementationTypes(LiveActivityWorkflowImpl)
    }

    def cleanupSpec() {
        replayEnv.close()
    }

    static StateUpdate state(Map content) {
        new StateUpdate(content, null, null, null, null, null)
    }

    static Map<String, WorkflowExecutionHistory> scenarios() {
        [
                'live-activity-coalesced-ended': record(new FakeLiveActivityActivities(), true) { env, activity ->
                    activity.update(state([eta: 20]))
                    activity.update(state([eta: 15]))
                    activity.update(state([eta: 10]))
                    env.sleep(Duration.ofSeconds(20))
                    activity.end(new EndRequest([eta: 0], null, null, null))
                },
                'live-activity-max-lifetime'   : record(new FakeLiveActivityActivities(), true) { env, activity ->
                    activity.update(state([eta: 5]))
                    env.sleep(Duration.ofHours(9))
                },
                'live-activity-token-late'     : record(new FakeLiveActivityActivities(hasUpdateToken: false), false) { env, activity ->
                    activity.update(state([eta: 12]))
                    Thread.sleep(500)
                    activity.updateTokenChanged()
                    env.sleep(Duration.ofSeconds(20))
                    activity.end(new EndRequest(null, null, null, null))
                },
        ]
    }

    static WorkflowExecutionHistory record(FakeLiveActivityActivities activities, boolean remoteStart, Closure scenario) {
        def env = TestWorkflowEnvironment.newInstance()
        try {
            def worker = env.newWorker('herald')
            worker.registerWorkflowImplementationTypes(LiveActivityWorkflowImpl)
            worker.registerActivitiesImplementations(activities)
            env.start()
            def client = WorkflowClient.newInstance(env.workflowServiceStubs, WorkflowClientOptions.newBuilder().setNamespace(env.namespace).build())
            def id = UUID.randomUUID()
            def stub = client.newWorkflowStub(LiveActivityWorkflow,
                    WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId("live-activity-$id").build())
            def run = WorkflowStub.fromTyped(stub).start(LiveActivityInput.fresh(id, 'IOS', remoteStart, state([eta: 30]),
                    Duration.ofHours(8), Duration.ofSeconds(15)))
            def activity = client.newWorkflowStub(LiveActivityWorkflow, "live-activity-$id")
            activity.opened()
            scenario(env, activity)
            client.newUntypedWorkflowStub("live-activity-$id").getResult(LiveActivityState)
            env.getWorkflowExecutionHistory(run)
        } finally {
            env.close()
        }
    }
}
