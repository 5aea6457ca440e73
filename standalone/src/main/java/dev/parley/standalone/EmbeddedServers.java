package dev.parley.standalone;

import dev.parley.infra.InfraSettings;
import dev.parley.infra.Infrastructure;
import dev.parley.infra.ServerStartException;
import dev.parley.platform.shutdown.ForcedStop;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the servers before the application context exists (its beans connect to them while it is built),
 * points the context at them, and leaves stopping them to the context: it is closed first, its clients
 * disconnect, and the servers stop last. The servers run in sessions of their own (a Ctrl-C reaches
 * only this JVM), and a stop that overruns {@code parley.shutdown.timeout} kills them before the JVM halts.
 */
final class EmbeddedServers implements ApplicationListener<ApplicationEvent> {

    private final long launchedAt = System.nanoTime();
    private Infrastructure infrastructure;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent prepared && infrastructure != null) {
            // Registered before every other bean, so destroyed after every other bean.
            var beans = (DefaultListableBeanFactory) prepared.getApplicationContext().getBeanFactory();
            beans.registerSingleton("parleyEmbeddedServers", infrastructure);
            beans.registerDisposableBean("parleyEmbeddedServers", infrastructure::close);
            // The servers run in sessions of their own, so a halted JVM would leave them running.
            beans.registerSingleton("parleyEmbeddedServersKill", (ForcedStop) infrastructure::kill);
            infrastructure.removeShutdownHook();
        } else if (event instanceof ApplicationReadyEvent ready) {
            int port = ready.getApplicationContext() instanceof WebServerApplicationContext web
                    ? web.getWebServer().getPort() : -1;
            System.out.printf(Locale.ROOT, "[parley] Parley is ready at http://localhost:%d (health: /actuator/health),"
                            + " %.1f s after launch. Ctrl-C stops it and every server.%n",
                    port, Duration.ofNanos(System.nanoTime() - launchedAt).toMillis() / 1000.0);
        }
    }

    private void start(ConfigurableEnvironment environment) {
        InfraSettings configured = InfraSettings.from(environment::getProperty);
        LocalSecrets secrets = LocalSecrets.in(configured.dataDir());
        Map<String, String> credentials = secrets.serverCredentials(configured, environment);
        InfraSettings settings = InfraSettings.from(key -> credentials.getOrDefault(key, environment.getProperty(key)));
        try {
            infrastructure = Infrastructure.start(settings, System.out);
        } catch (ServerStartException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<String, Object> properties = new HashMap<>(infrastructure.endpoints().springProperties());
        properties.putAll(secrets.missingFrom(environment));
        environment.getPropertySources().addFirst(new MapPropertySource("parley-embedded-servers", properties));
    }

    /** For a failed start, when no context took the servers over. */
    void stop() {
        if (infrastructure != null) {
            infrastructure.close();
        }
    }
}
