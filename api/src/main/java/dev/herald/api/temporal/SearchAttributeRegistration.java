package dev.herald.api.temporal;

import dev.herald.workflows.common.HeraldSearchAttributes;
import io.grpc.Status;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Makes sure Herald's search attributes exist in the namespace before anything starts a
 * workflow (the worker, the cleanup schedule, the API): always on the embedded service, where
 * failing to is fatal, and on a real cluster when the operator API allows it (else
 * temporal-dev/ does it).
 */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SearchAttributeRegistration implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SearchAttributeRegistration.class);

    private final WorkflowServiceStubs stubs;
    private final TemporalSettings settings;

    public SearchAttributeRegistration(WorkflowServiceStubs stubs, TemporalSettings settings) {
        this.stubs = stubs;
        this.settings = settings;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        ensureRegistered();
    }

    public void ensureRegistered() {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
                OperatorServiceStubsOptions.newBuilder().setChannel(stubs.getRawChannel()).validateAndBuildWithDefaults());
        try {
            // one at a time: the embedded service has no ListSearchAttributes, and each add is idempotent this way
            for (var key : HeraldSearchAttributes.ALL) {
                try {
                    operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                            .setNamespace(settings.namespace())
                            .putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                            .build());
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
        } catch (StatusRuntimeException e) {
            if (settings.embedded()) {
                throw new IllegalStateException("cannot register Herald's search attributes on the embedded Temporal service", e);
            }
            LOG.warn("Could not register Herald's search attributes ({}); register them with temporal-dev/register-search-attributes.sh",
                    e.getStatus());
        } finally {
            operator.shutdown();
        }
    }
}
