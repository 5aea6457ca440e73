package dev.parley.reads;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.parley.platform.redis.RedisPlatformAutoConfiguration;
import dev.parley.platform.redis.RoutedMessages;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cassandra.CassandraAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** One {@link ConversationReads} per application, whichever services it composes (the standalone has two readers). */
@AutoConfiguration(after = {CassandraAutoConfiguration.class, RedisPlatformAutoConfiguration.class})
public class ConversationReadsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConversationReads conversationReads(CqlSession cassandra, RoutedMessages routed) {
        return new ConversationReads(cassandra, routed);
    }
}
