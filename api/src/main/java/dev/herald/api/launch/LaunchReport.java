package dev.herald.api.launch;

import dev.herald.api.config.HeraldSettings;
import dev.herald.api.temporal.TemporalSettings;
import dev.herald.domain.tenancy.Scope;
import dev.herald.domain.tenancy.TenancyService;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;

/**
 * Once the server listens: creates the bootstrap org and admin key on an empty
 * database, and prints where everything can be seen.
 */
@Singleton
public class LaunchReport implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchReport.class);

    private final TenancyService tenancy;
    private final HeraldSettings settings;
    private final TemporalSettings temporal;
    private final String embeddedDatabase;

    public LaunchReport(TenancyService tenancy, HeraldSettings settings, TemporalSettings temporal,
                        @Nullable @Value("${herald.embedded.database:}") String embeddedDatabase) {
        this.tenancy = tenancy;
        this.settings = settings;
        this.temporal = temporal;
        this.embeddedDatabase = embeddedDatabase;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String bootstrapKey = null;
        if (!tenancy.anyOrg()) {
            String preset = settings.bootstrapApiKey() == null || settings.bootstrapApiKey().isBlank() ? null : settings.bootstrapApiKey();
            var created = tenancy.createOrg("default", EnumSet.of(Scope.ADMIN, Scope.PLATFORM), preset);
            tenancy.createApp(created.org().id(), "default", "UTC", null);
            bootstrapKey = created.adminKey().plaintext();
        }
        String base = event.getSource().getURL().toString();
        StringBuilder report = new StringBuilder("\n\n  Herald is running\n")
                .append("    API          ").append(base).append("/v1\n")
                .append("    API docs     ").append(base).append("/docs\n")
                .append("    Health       ").append(base).append("/health\n")
                .append("    Deliveries   ").append(base).append("/v1/captured-pushes  (pushes of apps without provider credentials)\n")
                .append("    Temporal     ").append(temporal.embedded()
                        ? "embedded service on 127.0.0.1:" + temporal.embeddedPort() + " (wall-clock time; runs rebuilt from PostgreSQL at each start; set TEMPORAL_ADDRESS for a Temporal cluster)"
                        : temporal.address() + " namespace " + temporal.namespace() + ", UI " + temporal.linkedUiUrl().orElseThrow())
                .append('\n')
                .append("    Database     ").append(embeddedDatabase == null || embeddedDatabase.isBlank()
                        ? "configured by DATASOURCES_DEFAULT_URL" : "embedded PostgreSQL, data in " + embeddedDatabase)
                .append('\n');
        if (bootstrapKey != null) {
            report.append("\n    Bootstrap admin API key (shown once, keep it):\n      ").append(bootstrapKey).append('\n')
                    .append("    Try: curl -H 'x-api-key: ").append(bootstrapKey).append("' ").append(base).append("/v1/apps\n");
        }
        LOG.info(report.toString());
    }
}
