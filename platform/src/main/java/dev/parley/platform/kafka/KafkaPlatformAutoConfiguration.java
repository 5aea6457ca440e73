package dev.parley.platform.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates Parley's topics at start (Boot's {@link KafkaAdmin} applies them) and reports Kafka's health. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@EnableConfigurationProperties(KafkaTopicsProperties.class)
public class KafkaPlatformAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics parleyTopics(KafkaTopicsProperties topics) {
        return new KafkaAdmin.NewTopics(List.of(topics.events(), topics.commands(), topics.presence()).stream()
                .map(KafkaPlatformAutoConfiguration::newTopic)
                .toArray(NewTopic[]::new));
    }

    private static NewTopic newTopic(KafkaTopicsProperties.Topic topic) {
        long retentionMs = topic.retention().isNegative() ? -1 : topic.retention().toMillis();
        return new NewTopic(topic.name(), topic.partitions(), topic.replicas())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topic.minInSyncReplicas()),
                        // A replica that fell behind never becomes leader: it would drop acknowledged records.
                        TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false"));
    }

    @Bean(destroyMethod = "close")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(Admin.create(kafkaAdmin.getConfigurationProperties()));
    }
}
