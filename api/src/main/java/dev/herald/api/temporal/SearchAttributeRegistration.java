package dev.herald.api.temporal;

import dev.herald.workflows.common.HeraldSearchAttributes;
import io.grpc.Status;
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
 * Makes sure Herald's search attributes exist in the namespace: always on the embedded
 * service, and on a real cluster when the operator API allows it (else temporal-dev/ does it).
 */
@Singleton
public class SearchAttributeRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(SearchAttributeRegistration.class);

    private final WorkflowServiceStubs stubs;
    private final TemporalSettings settings;

    public SearchAttributeRegistration(WorkflowServiceStubs stubs, TemporalSettings settings) {
        this.stubs = stubs;
        this.settings = settings;
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
            LOG.warn("Could not register Herald's search attributes ({}); register them with temporal-dev/register-search-attributes.sh",
                    e.getStatus());
        } finally {
            operator.shutdown();
        }
    }
}
