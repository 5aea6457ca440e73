package dev.parley.platform.ratelimit;

import dev.parley.platform.time.ClockAutoConfiguration;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link RateLimits} for every service; with Redis's Lettuce client on the classpath, its limits across
 * instances keep their buckets in Redis, and a servlet service's routes take their {@link LimitedRoute}
 * limits. No bean conditions: the standalone launcher scans this class as a configuration of its own,
 * before Spring Boot's Redis configuration has registered its connection factory, so the factory is
 * looked up when the first limit is taken.
 */
@AutoConfiguration(after = {ClockAutoConfiguration.class, RedisAutoConfiguration.class})
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({LettuceConnectionFactory.class, RedisClient.class})
    static class WithRedis {

        @Bean
        RedisBuckets rateLimitBuckets(ObjectProvider<LettuceConnectionFactory> redis, Clock clock) {
            return new RedisBuckets(redis, clock);
        }

        @Bean
        RateLimits rateLimits(Clock clock, RedisBuckets redis) {
            return new RateLimits(clock, redis);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({LettuceConnectionFactory.class, RedisClient.class, WebMvcConfigurer.class})
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ForRoutes {

        @Bean
        RouteLimitsCheck routeLimitsCheck(RateLimitProperties properties) {
            return new RouteLimitsCheck(properties);
        }

        @Bean
        WebMvcConfigurer routeRateLimits(RateLimits limits, RateLimitProperties properties) {
            RouteRateLimits routes = new RouteRateLimits(limits, properties);
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(routes);
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass({"org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
            "io.lettuce.core.RedisClient"})
    static class InMemoryOnly {

        @Bean
        RateLimits rateLimits(Clock clock) {
            return new RateLimits(clock);
        }
    }
}
