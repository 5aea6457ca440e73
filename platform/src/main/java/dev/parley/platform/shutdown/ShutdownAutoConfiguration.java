package dev.parley.platform.shutdown;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Every Parley service stops within {@code parley.shutdown.timeout}, whatever its servers are doing. */
@AutoConfiguration
@EnableConfigurationProperties(ShutdownProperties.class)
public class ShutdownAutoConfiguration {

    @Bean
    ShutdownWatchdog shutdownWatchdog(ShutdownProperties properties, ObjectProvider<ForcedStop> forcedStops) {
        return new ShutdownWatchdog(properties.timeout(), forcedStops);
    }
}
