package dev.parley.platform.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The version-guarded writes and the member sets, for every service that talks to Redis. */
@AutoConfiguration(after = RedisAutoConfiguration.class)
@ConditionalOnClass(StringRedisTemplate.class)
public class RedisPlatformAutoConfiguration {

    @Bean
    @ConditionalOnBean(StringRedisTemplate.class)
    VersionedRedisWrites versionedRedisWrites(StringRedisTemplate redis) {
        return new VersionedRedisWrites(redis);
    }

    @Bean
    @ConditionalOnBean(StringRedisTemplate.class)
    MemberSets memberSets(VersionedRedisWrites versionedRedisWrites, StringRedisTemplate redis) {
        return new MemberSets(versionedRedisWrites, redis);
    }
}
