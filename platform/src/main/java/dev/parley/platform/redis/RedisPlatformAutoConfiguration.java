package dev.parley.platform.redis;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The version-guarded writes, the member sets and the routed messages, for every service that talks to
 * Redis (Redis on the classpath means a configured Redis: every service that has it uses it).
 */
@AutoConfiguration(after = RedisAutoConfiguration.class)
@ConditionalOnClass(StringRedisTemplate.class)
public class RedisPlatformAutoConfiguration {

    @Bean
    VersionedRedisWrites versionedRedisWrites(StringRedisTemplate redis) {
        return new VersionedRedisWrites(redis);
    }

    @Bean
    MemberSets memberSets(VersionedRedisWrites versionedRedisWrites, StringRedisTemplate redis) {
        return new MemberSets(versionedRedisWrites, redis);
    }

    @Bean
    RoutedMessages routedMessages(StringRedisTemplate redis) {
        return new RoutedMessages(redis, Clock.systemUTC());
    }
}
