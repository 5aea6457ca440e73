package dev.parley.platform.shutdown;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a service may take to stop ({@code parley.shutdown.*}).
 *
 * @param timeout from the stop signal (SIGTERM, Ctrl-C) to the JVM's end: past it, what still runs is
 *                logged, killed and the JVM halts. Spring's own phases have shorter bounds
 *                ({@code spring.lifecycle.timeout-per-shutdown-phase}) so that a clean stop fits inside it.
 */
@ConfigurationProperties("parley.shutdown")
public record ShutdownProperties(@DefaultValue("30s") Duration timeout) {

    public ShutdownProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("parley.shutdown.timeout must be positive");
        }
    }
}
