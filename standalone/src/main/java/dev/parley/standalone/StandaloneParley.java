package dev.parley.standalone;

import dev.parley.infra.ServerStartException;
import dev.parley.push.PushApplication;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Parley in one process: the command side, projections, query side and a push node, on one port, with
 * PostgreSQL, Kafka, Cassandra, Redis and S3 started for it (unless configured as external servers).
 * The services' own main classes are left out of the scan: each would scan again and name itself the app.
 * So are the modules' auto-configurations, which Spring Boot applies in their declared order, after the
 * servers' clients, as in each service alone (scanned, they would run first and their conditions misfire).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "dev.parley", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
public class StandaloneParley {

    public static void main(String[] args) {
        // Axon would look for updates and advertise its console over the network at start.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        PushApplication.smallSocketBuffers();
        SpringApplication app = new SpringApplication(StandaloneParley.class);
        EmbeddedServers servers = new EmbeddedServers();
        app.addListeners(servers);
        try {
            app.run(args);
        } catch (RuntimeException e) {
            servers.stop();
            ServerStartException serverFailure = ExceptionUtils.throwableOfType(e, ServerStartException.class);
            System.err.println("[parley] could not start: "
                    + (serverFailure != null ? serverFailure.getMessage() : e.getMessage()));
            System.exit(1);
        }
    }
}
