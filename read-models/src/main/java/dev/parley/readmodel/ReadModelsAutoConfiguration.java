package dev.parley.readmodel;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.parley.readmodel.consent.ConsentSets;
import dev.parley.readmodel.conversation.ConversationReads;
import dev.parley.readmodel.conversation.RoutedMessages;
import dev.parley.readmodel.media.MediaAccess;
import dev.parley.readmodel.membership.MemberSets;
import dev.parley.readmodel.presence.PresenceReads;
import dev.parley.readmodel.redis.VersionedRedisWrites;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cassandra.CassandraAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The reads every service that holds this module may use: the member sets, the recently routed messages
 * and the conversation reads built on both. The projections and query handlers are not here: the
 * service that runs them imports them by name (the projections service, the query side).
 */
@AutoConfiguration(after = {CassandraAutoConfiguration.class, RedisAutoConfiguration.class})
public class ReadModelsAutoConfiguration {

    @Bean
    VersionedRedisWrites versionedRedisWrites(StringRedisTemplate redis) {
        return new VersionedRedisWrites(redis);
    }

    @Bean
    MemberSets memberSets(VersionedRedisWrites versionedRedisWrites, StringRedisTemplate redis) {
        return new MemberSets(versionedRedisWrites, redis);
    }

    @Bean
    ConsentSets consentSets(StringRedisTemplate redis) {
        return new ConsentSets(redis);
    }

    @Bean
    PresenceReads presenceReads(StringRedisTemplate redis, MemberSets memberSets, ConsentSets consentSets) {
        return new PresenceReads(redis, memberSets, consentSets);
    }

    @Bean
    RoutedMessages routedMessages(StringRedisTemplate redis, Clock clock) {
        return new RoutedMessages(redis, clock);
    }

    @Bean
    MediaAccess mediaAccess(CqlSession cassandra) {
        return new MediaAccess(cassandra);
    }

    @Bean
    @ConditionalOnMissingBean
    ConversationReads conversationReads(CqlSession cassandra, RoutedMessages routed, MemberSets memberSets) {
        return new ConversationReads(cassandra, routed, memberSets);
    }
}
