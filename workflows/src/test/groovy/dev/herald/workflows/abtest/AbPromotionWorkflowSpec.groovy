package dev.herald.workflows.abtest

import dev.herald.domain.abtest.AutoPromote
import dev.herald.workflows.common.HeraldSearchAttributes
import dev.herald.workflows.send.FakeSendActivities
import dev.herald.workflows.send.SendWorkflowImpl
import io.temporal.api.enums.v1.IndexedValueType
import io.temporal.client.WorkflowOptions
import io.temporal.client.WorkflowStub
import io.temporal.common.WorkflowExecutionHistory
import io.temporal.testing.TestWorkflowEnvironment
import io.temporal.testing.WorkflowHistoryLoader
import io.temporal.testing.WorkflowReplayer
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant

import static dev.herald.workflows.abtest.FakeAbPromotionActivities.stats

/**
 * The promotion's logic under time skipping with in-memory activities (the real ones, and the
 * REST path to the APNs peer, are in the api module's AbPromotionSpec), and its replay
 * histories: a change that breaks determinism fails here before it breaks runs in flight.
 * Record afresh with {@code -Dherald.recordHistories=true}.
 */
class AbPromotionWorkflowSpec extends Specification {

    static final UUID ORG = UUID.fromString('5f0c8a4e-8f59-4a43-9d0c-1d2e3f405162')
    static final UUID TEST = UUID.fromString('0b6c7c0e-3f55-4d0f-9a0e-6a1b2c3d4e5f')

    def "B pulls ahead: the workflow waits its minimum hour, checks every 30 minutes, declares B once significant and sends it to the rest"() {
        given: 'min 60 min, max 240 min, 100 users per variant; B is significant from the third check on'
        def fake = new FakeAbPromotionActivities(script: [stats(50, 5, 50, 15), stats(120, 12, 118, 20), stats(200, 20, 200, 40)])

        when:
        def run = record(fake)

        then:
        run.state.status == 'COMPLETED'
        run.state.winner == 'b'
        run.state.winnerSource == 'auto'
        run.state.followUpVariant == 'b'
        run.state.followUpUsers == 40
        run.state.followUpStatus == 'COMPLETED'
        run.state.readout.significantWinner() == 'b'
        fake.calls == ['check', 'check', 'check', 'declare b', 'follow-up b']

        and: 'checks at 0, the minimum hour, then 30 minutes on'
        fake.checkedAt.collect { Duration.between(run.state.sampleSentAt, it).toMinutes() } == [0, 60, 90]

        and: 'the sample and the follow-up were both delivered, each once'
        run.sends.calls.count { it == 'start' } == 2
        run.sends.deliveries.values()*.get().every { it == 2 }
    }

    def "no significance by the deadline: recorded as inconclusive and the rest get #expected"() {
        given:
        def fake = new FakeAbPromotionActivities(script: [stats(500, 50, 500, 55)],
                policy: new AutoPromote(20, 100, 60, 240, 0.95, 60, ifInconclusive))

        when:
        def run = record(fake)

        then:
        run.state.status == 'COMPLETED'
        run.state.winner == null
        run.state.winnerSource == 'auto_inconclusive'
        run.state.followUpVariant == followUp
        fake.calls == ['check'] * 5 + ['inconclusive'] + (followUp ? ["follow-up $followUp".toString()] : [])
        Duration.between(run.state.sampleSentAt, run.state.decidedAt).toMinutes() == 240

        where:
        ifInconclusive | followUp || expected
        null           | 'a'      || 'the control'
        'nothing'      | null     || 'nothing'
    }

    def "stats the z-test cannot compare (more openers than recipients, a variant nobody got) do not stick the workflow: it waits and checks again"() {
        given:
        def fake = new FakeAbPromotionActivities(script: [stats(50, 5, 0, 0), stats(120, 150, 118, 20), stats(200, 20, 200, 40)])

        when:
        def run = record(fake)

        then:
        run.state.status == 'COMPLETED'
        run.state.winner == 'b'
        run.state.readout.notEnoughData() == null
        fake.calls == ['check', 'check', 'check', 'declare b', 'follow-up b']
    }

    def "a winner declared by hand meanwhile ends the wait at the next check"() {
        given:
        def fake = new FakeAbPromotionActivities(script: [stats(500, 50, 500, 55)], manualWinnerAtCheck: 3)

        when:
        def run = record(fake)

        then:
        run.state.winner == 'a'
        run.state.winnerSource == 'manual'
        fake.calls == ['check', 'check', 'check', 'follow-up a']
    }

    def "recorded history #file replays on the current code"() {
        when:
        WorkflowReplayer.replayWorkflowExecution(WorkflowHistoryLoader.readHistoryFromResource("histories/$file"), AbPromotionWorkflowImpl)

        then:
        noExceptionThrown()

        where:
        file << ['ab-promotion-significant.json', 'ab-promotion-inconclusive.json']
    }

    def "a fresh run of each scenario replays too (and is recorded on request)"() {
        expect:
        [
                'ab-promotion-significant'  : new FakeAbPromotionActivities(script: [stats(50, 5, 50, 15), stats(200, 20, 200, 40)]),
                'ab-promotion-inconclusive' : new FakeAbPromotionActivities(script: [stats(500, 50, 500, 55)]),
        ].each { name, fake ->
            def history = record(fake).history
            WorkflowReplayer.replayWorkflowExecution(history, AbPromotionWorkflowImpl)
            if (Boolean.getBoolean('herald.recordHistories')) {
                Files.writeString(Path.of('src/test/resources/histories', "${name}.json"), history.toJson(true))
            }
        }
    }

    def "a promotion rebuilt after its sample went out sends no sample again and checks from when the sample finished"() {
        given: 'the sample finished 45 minutes before the restart; minimum wait an hour, checks every 30 minutes'
        def fake = new FakeAbPromotionActivities(script: [stats(50, 5, 50, 15), stats(200, 20, 200, 40)])

        when:
        def run = record(fake, Duration.ofMinutes(45))

        then:
        run.state.status == 'COMPLETED'
        run.state.winner == 'b'
        fake.calls == ['check', 'check', 'declare b', 'follow-up b']

        and: 'checks at once, then at the minimum hour from the sample, not from the restart'
        fake.checkedAt.collect { Duration.between(run.state.sampleSentAt, it).toMinutes() } == [45, 60]

        and: 'only the follow-up was sent'
        run.sends.calls.count { it == 'start' } == 1
    }

    static class Run {
        AbPromotionState state
        WorkflowExecutionHistory history
        FakeSendActivities sends
    }

    static Run record(FakeAbPromotionActivities fake, Duration sampleFinishedAgo = null) {
        def env = TestWorkflowEnvironment.newInstance()
        try {
            def sends = new FakeSendActivities()
            HeraldSearchAttributes.ALL.each { env.registerSearchAttribute(it.name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD) }
            def worker = env.newWorker('herald')
            worker.registerWorkflowImplementationTypes(AbPromotionWorkflowImpl, SendWorkflowImpl)
            worker.registerActivitiesImplementations(fake, sends)
            env.start()
            def sendId = UUID.randomUUID()
            def stub = env.workflowClient.newWorkflowStub(AbPromotionWorkflow,
                    WorkflowOptions.newBuilder().setTaskQueue('herald').setWorkflowId(AbPromotionWorkflow.workflowId(sendId)).build())
            def untyped = WorkflowStub.fromTyped(stub)
            untyped.start(sampleFinishedAgo == null ? AbPromotionInput.fresh(ORG, sendId, TEST, null, 'Send to 50 users')
                    : AbPromotionInput.resumed(ORG, sendId, TEST, 'Send to 50 users',
                            Instant.ofEpochMilli(env.currentTimeMillis()).minus(sampleFinishedAgo), 100))
            AbPromotionState state
            try {
                state = untyped.getResult(30, java.util.concurrent.TimeUnit.SECONDS, AbPromotionState)
            } catch (java.util.concurrent.TimeoutException stuck) {
                def events = env.getWorkflowExecutionHistory(untyped.execution).events
                throw new AssertionError("the promotion did not finish; last events: " + events.takeRight(6).collect { it.toString().take(600) }, stuck)
            }
            new Run(state: state, history: env.getWorkflowExecutionHistory(untyped.execution), sends: sends)
        } finally {
            env.close()
        }
    }
}
