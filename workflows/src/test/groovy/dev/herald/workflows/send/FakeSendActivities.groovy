package dev.herald.workflows.send

import io.temporal.activity.Activity
import io.temporal.failure.ApplicationFailure

import java.time.Instant
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * In-memory stand-ins for the send activities, for workflow-logic specs only: the activities
 * themselves are exercised against PostgreSQL and real providers in the api module. The fake
 * audience is a set of device ids in PostgreSQL's uuid order; some may be deferred.
 */
class FakeSendActivities implements SendActivities, DeliveryActivities {

    /** The audience, sorted as PostgreSQL sorts uuids (unsigned, bytewise). */
    List<UUID> devices = devices(6)
    /** Pages return at most this many devices, whatever limit the workflow asks for. */
    int devicesPerPage = Integer.MAX_VALUE
    /** A page holding one of these devices always fails, to exhaust retries. */
    Set<UUID> failing = []
    /** Devices deferred on the first pass, and to when. */
    Map<UUID, Instant> deferredTo = [:]
    Integer ratePerSecond
    /** Delivering this device stalls (as a provider may) until {@link #release} opens; {@link #stalled} opens when it does. */
    UUID stallOn
    /** Or: the first page for which this answers true stalls, before delivering, until {@link #release} opens. */
    Closure<Boolean> stallPageWhen
    final CountDownLatch stalled = new CountDownLatch(1)
    final CountDownLatch release = new CountDownLatch(1)

    final List<String> calls = new CopyOnWriteArrayList<>()
    /** How often each device was delivered. */
    final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>()
    /** The workflow time at which each deferred device was delivered. */
    final Map<UUID, Instant> deliveredAt = new ConcurrentHashMap<>()
    final AtomicInteger active = new AtomicInteger()
    volatile int maxActive

    void deviceDeferrals(Instant at, List<UUID> ids) {
        ids.each { deferredTo[it] = at }
    }

    static List<UUID> devices(int count, long seed = 42) {
        def random = new Random(seed)
        sorted((0..<count).collect { new UUID(random.nextLong(), random.nextLong()) })
    }

    static List<UUID> sorted(List<UUID> ids) {
        ids.sort(false) { a, b ->
            int high = Long.compareUnsigned(a.mostSignificantBits, b.mostSignificantBits)
            high != 0 ? high : Long.compareUnsigned(a.leastSignificantBits, b.leastSignificantBits)
        }
    }

    static int compare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.mostSignificantBits, b.mostSignificantBits)
        high != 0 ? high : Long.compareUnsigned(a.leastSignificantBits, b.leastSignificantBits)
    }

    @Override
    SendStart start(UUID sendId, Instant at) {
        calls << "start"
        new SendStart(devices.size(), ratePerSecond)
    }

    @Override
    void markPaused(UUID sendId, boolean paused) {
        calls << "paused:$paused".toString()
    }

    @Override
    void finish(UUID sendId, String status, String pendingReason, Instant at) {
        calls << "finish:$status:$pendingReason".toString()
    }

    @Override
    BatchResult deliverBatch(DeliveryBatch batch) {
        int now = active.incrementAndGet()
        maxActive = Math.max(maxActive, now)
        try {
            def page = pageOf(batch)
            calls << (batch.dueAt() == null ? 'deliver' : "deliver@${batch.dueAt()}".toString())
            if (page.any { it in failing }) {
                throw ApplicationFailure.newNonRetryableFailure("provider down", "RetryableDelivery")
            }
            Thread.sleep(2)
            if (stallPageWhen != null && stalled.count > 0 && stallPageWhen(batch)) {
                stalled.countDown()
                release.await(30, TimeUnit.SECONDS)
            }
            int deferred = 0
            page.eachWithIndex { device, i ->
                if (i > 0) {
                    // as the real activity does between chunks: a cancelled page stops here
                    Activity.executionContext.heartbeat(i)
                }
                if (device == stallOn) {
                    stalled.countDown()
                    release.await(30, TimeUnit.SECONDS)
                }
                if (batch.dueAt() == null && deferredTo.containsKey(device)) {
                    deferred++
                } else {
                    deliveries.computeIfAbsent(device) { new AtomicInteger() }.incrementAndGet()
                    if (batch.dueAt() != null) {
                        deliveredAt[device] = Instant.ofEpochMilli(Activity.executionContext.info.scheduledTimestamp)
                    }
                }
            }
            result(batch, page, page.size() - deferred, 0, deferred)
        } finally {
            active.decrementAndGet()
        }
    }

    @Override
    BatchResult abandonBatch(DeliveryBatch batch, String reason) {
        def page = pageOf(batch)
        calls << "abandon:$reason".toString()
        // what went out before the page stopped stays accepted, as in the ledger
        int accepted = page.count { deliveries.containsKey(it) } as int
        result(batch, page, accepted, page.size() - accepted, 0)
    }

    @Override
    Instant nextDeferredGroup(UUID sendId, Instant after) {
        deferredTo.values().findAll { after == null || it.isAfter(after) }.min()
    }

    private List<UUID> inLane(DeliveryBatch batch) {
        devices.findAll { (batch.afterDeviceId() == null || compare(it, batch.afterDeviceId()) > 0) && compare(it, batch.upTo()) <= 0 }
                .findAll { batch.dueAt() == null || deferredTo[it] == batch.dueAt() }
    }

    private List<UUID> pageOf(DeliveryBatch batch) {
        inLane(batch).take(Math.min(batch.limit(), devicesPerPage))
    }

    private BatchResult result(DeliveryBatch batch, List<UUID> page, int accepted, int failed, int deferred) {
        if (page.isEmpty()) {
            return BatchResult.empty(batch.afterDeviceId())
        }
        boolean due = batch.dueAt() != null
        boolean last = inLane(batch).size() <= page.size()
        new BatchResult(page.last(), due ? 0 : page.size(), accepted, failed, 0, deferred, due ? page.size() : 0, last)
    }
}
