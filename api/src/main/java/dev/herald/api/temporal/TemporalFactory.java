package dev.herald.api.temporal;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;


/** Temporal client and worker factory beans, for an external cluster or the embedded service. */
@Factory
public class TemporalFactory {

    /** Only created when no Temporal address is configured. */
    @Singleton
    @Bean(preDestroy = "close")
    EmbeddedTemporal embeddedTemporal(TemporalSettings settings) {
        return EmbeddedTemporal.start(settings.embeddedPort());
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    WorkflowServiceStubs workflowServiceStubs(TemporalSettings settings, BeanProvider<EmbeddedTemporal> embedded) {
        if (settings.embedded()) {
            return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(embedded.get().target()).build());
        }
        return WorkflowServiceStubs.newServiceStubs(clusterOptions(settings));
    }

    /** A real cluster: plain, TLS, mutual TLS (a client certificate) or an API key (Temporal Cloud). */
    static WorkflowServiceStubsOptions clusterOptions(TemporalSettings settings) {
        var options = WorkflowServiceStubsOptions.newBuilder().setTarget(settings.address());
        if (settings.mutualTls()) {
            if (settings.tlsCertPath() == null || settings.tlsCertPath().isBlank()
                    || settings.tlsKeyPath() == null || settings.tlsKeyPath().isBlank()) {
                throw new IllegalStateException("mutual TLS to Temporal needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY");
            }
            try (InputStream cert = Files.newInputStream(Path.of(settings.tlsCertPath()));
                 InputStream key = Files.newInputStream(Path.of(settings.tlsKeyPath()))) {
                options.setSslContext(SimpleSslContextBuilder.forPKCS8(cert, key).build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Temporal client certificate or key", e);
            }
        } else if (settings.tls() || settings.usesApiKey()) {
            options.setEnableHttps(true);
        }
        if (settings.usesApiKey()) {
            String apiKey = settings.apiKey();
            options.addApiKey(() -> apiKey);
        }
        return options.build();
    }

    @Singleton
    WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalSettings settings) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    }

    @Singleton
    ScheduleClient scheduleClient(WorkflowServiceStubs stubs, TemporalSettings settings) {
        return ScheduleClient.newInstance(stubs, ScheduleClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    }

    @Singleton
    WorkerFactory workerFactory(WorkflowClient client) {
        return WorkerFactory.newInstance(client);
    }
}
