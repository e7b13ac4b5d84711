package dev.herald.api.temporal;

import dev.herald.activities.abtest.AbPromotionActivitiesImpl;
import dev.herald.activities.automation.AutomationActivitiesImpl;
import dev.herald.activities.liveactivity.LiveActivityActivitiesImpl;
import dev.herald.activities.maintenance.MaintenanceActivitiesImpl;
import dev.herald.activities.send.DeliveryActivitiesImpl;
import dev.herald.activities.send.SendActivitiesImpl;
import dev.herald.activities.recurring.RecurringSendActivitiesImpl;
import dev.herald.api.automation.EventDispatchActivitiesImpl;
import dev.herald.workflows.abtest.AbPromotionWorkflowImpl;
import dev.herald.workflows.automation.AutomationRunWorkflowImpl;
import dev.herald.workflows.event.EventDispatchWorkflowImpl;
import dev.herald.workflows.liveactivity.LiveActivityWorkflowImpl;
import dev.herald.workflows.recurring.RecurringSendWorkflowImpl;
import dev.herald.workflows.maintenance.DeviceCleanupWorkflowImpl;
import dev.herald.workflows.send.SendWorkflowImpl;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Polls Herald's task queue: every workflow type is registered here, and every activity as
 * its Micronaut bean. API-only pods set {@code temporal.worker-enabled=false}.
 */
@Singleton
@Requires(property = "temporal.worker-enabled", notEquals = "false")
public class HeraldWorker implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldWorker.class);
    /** The longest a heartbeat is held back: how long a cancelled activity may go on before it hears of it. */
    static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(2);

    private final WorkerFactory factory;
    private final TemporalSettings settings;
    private final SendActivitiesImpl sendActivities;
    private final DeliveryActivitiesImpl deliveryActivities;
    private final LiveActivityActivitiesImpl liveActivityActivities;
    private final RecurringSendActivitiesImpl recurringSendActivities;
    private final AutomationActivitiesImpl automationActivities;
    private final MaintenanceActivitiesImpl maintenanceActivities;
    private final EventDispatchActivitiesImpl eventDispatchActivities;
    private final DeviceCleanupSchedule deviceCleanup;
    private final AbPromotionActivitiesImpl abPromotionActivities;

    public HeraldWorker(WorkerFactory factory, TemporalSettings settings,
                        SendActivitiesImpl sendActivities, DeliveryActivitiesImpl deliveryActivities,
                        LiveActivityActivitiesImpl liveActivityActivities,
                        RecurringSendActivitiesImpl recurringSendActivities,
                        AutomationActivitiesImpl automationActivities,
                        MaintenanceActivitiesImpl maintenanceActivities, EventDispatchActivitiesImpl eventDispatchActivities,
                        DeviceCleanupSchedule deviceCleanup, AbPromotionActivitiesImpl abPromotionActivities) {
        this.factory = factory;
        this.settings = settings;
        this.sendActivities = sendActivities;
        this.deliveryActivities = deliveryActivities;
        this.liveActivityActivities = liveActivityActivities;
        this.recurringSendActivities = recurringSendActivities;
        this.automationActivities = automationActivities;
        this.maintenanceActivities = maintenanceActivities;
        this.eventDispatchActivities = eventDispatchActivities;
        this.deviceCleanup = deviceCleanup;
        this.abPromotionActivities = abPromotionActivities;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        register(factory);
        factory.start();
        deviceCleanup.ensure();
        LOG.info("Temporal worker polling task queue '{}'", settings.taskQueue());
    }

    /** Registers Herald's workflows and activities on a worker of {@code workers} (a replacement factory, too). */
    public void register(WorkerFactory workers) {
        Worker worker = workers.newWorker(settings.taskQueue(), WorkerOptions.newBuilder()
                // an activity learns of its cancellation only from a heartbeat that reaches the service:
                // a cancelled broadcast page stops within seconds, not 0.8 x its heartbeat timeout
                .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
                .setDefaultHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
                .build());
        worker.registerWorkflowImplementationTypes(SendWorkflowImpl.class);
        worker.registerWorkflowImplementationTypes(RecurringSendWorkflowImpl.class);
        worker.registerActivitiesImplementations(sendActivities, deliveryActivities);
        worker.registerWorkflowImplementationTypes(LiveActivityWorkflowImpl.class);
        worker.registerActivitiesImplementations(liveActivityActivities);
        worker.registerActivitiesImplementations(recurringSendActivities);
        worker.registerWorkflowImplementationTypes(AutomationRunWorkflowImpl.class);
        worker.registerActivitiesImplementations(automationActivities);
        worker.registerWorkflowImplementationTypes(EventDispatchWorkflowImpl.class);
        worker.registerActivitiesImplementations(eventDispatchActivities);
        worker.registerWorkflowImplementationTypes(DeviceCleanupWorkflowImpl.class);
        worker.registerActivitiesImplementations(maintenanceActivities);
        worker.registerWorkflowImplementationTypes(AbPromotionWorkflowImpl.class);
        worker.registerActivitiesImplementations(abPromotionActivities);
    }

    @PreDestroy
    void stop() {
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
    }
}
