package dev.parley.platform.outage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cassandra.DriverConfigLoaderBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caps the clients' waits between reconnection attempts, so that a server's return is noticed within
 * seconds rather than the libraries' 30 s (Lettuce) or 60 s (DataStax) after a long outage. Both clients
 * reconnect by themselves; only their pace is set here.
 */
@AutoConfiguration
@EnableConfigurationProperties(OutageProperties.class)
public class OutageAutoConfiguration {

    /** From 100 ms, doubling, up to the cap: quick after a blip, and never more than the cap once it returns. */
    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(100);

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ClientResources.class)
    static class RedisReconnection {

        @Bean
        ClientResourcesBuilderCustomizer parleyRedisReconnectDelay(OutageProperties properties) {
            return resources -> resources.reconnectDelay(() -> Delay.exponential(FIRST_RECONNECT_DELAY,
                    properties.redisReconnectMaxDelay(), 2, java.util.concurrent.TimeUnit.MILLISECONDS));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({CqlSession.class, DriverConfigLoaderBuilderCustomizer.class})
    static class CassandraReconnection {

        @Bean
        DriverConfigLoaderBuilderCustomizer parleyCassandraReconnectDelay(OutageProperties properties) {
            return config -> config
                    .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, FIRST_RECONNECT_DELAY)
                    .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, properties.cassandraReconnectMaxDelay());
        }
    }
}
