package dev.parley.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.Topics;
import dev.parley.platform.kafka.KafkaPlatformAutoConfiguration;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

/** The command client of every node (a reply topic of its own), and the producer the command side replies with. */
@AutoConfiguration(after = KafkaPlatformAutoConfiguration.class)
@ConditionalOnClass(ReplyingKafkaTemplate.class)
@EnableConfigurationProperties(CommandTransportProperties.class)
public class CommandTransportAutoConfiguration {

    /** Counts of shed requests, logged once an interval: the push edge and the command side both count here. */
    @Bean
    OverloadReport overloadReport(CommandTransportProperties properties) {
        return new OverloadReport(properties.overloadLogInterval());
    }

    @Bean
    ProducerFactory<String, byte[]> commandProducerFactory(KafkaProperties kafka) {
        return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(null),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends replies (the command side) and raw command records. */
    @Bean
    KafkaTemplate<String, byte[]> commandKafkaTemplate(ProducerFactory<String, byte[]> commandProducerFactory) {
        return new KafkaTemplate<>(commandProducerFactory);
    }

    /** Only nodes that send commands (the push edge, the query side's profile route) need what follows. */
    @Bean
    @ConditionalOnProperty(prefix = "parley.commands", name = "client-enabled", havingValue = "true")
    NewTopic commandReplyTopic(CommandTransportProperties properties) {
        return new NewTopic(replyTopic(properties), 1, (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.replyRetention().toMillis())));
    }

    @Bean
    @ConditionalOnProperty(prefix = "parley.commands", name = "client-enabled", havingValue = "true")
    ReplyingKafkaTemplate<String, byte[], byte[]> commandReplyingTemplate(
            ProducerFactory<String, byte[]> commandProducerFactory, KafkaProperties kafka, CommandTransportProperties properties,
            OverloadReport overload, ObjectMapper json) {
        Map<String, Object> consumer = kafka.buildConsumerProperties(null);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "parley-replies-" + properties.nodeId());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        var consumers = new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());
        var replies = new ConcurrentMessageListenerContainer<>(consumers, new ContainerProperties(replyTopic(properties)));
        ReplyingKafkaTemplate<String, byte[], byte[]> template =
                new CommandReplyingTemplate(commandProducerFactory, replies, overload, json);
        template.setSharedReplyTopic(false);
        template.setDefaultReplyTimeout(properties.replyTimeout());
        return template;
    }

    @Bean
    @ConditionalOnProperty(prefix = "parley.commands", name = "client-enabled", havingValue = "true")
    CommandSender commandSender(ReplyingKafkaTemplate<String, byte[], byte[]> commandReplyingTemplate,
                                  ObjectMapper json, KafkaTopicsProperties topics, CommandTransportProperties properties,
                                  OverloadReport overload) {
        return new CommandSender(commandReplyingTemplate, json, topics.commands().name(), properties.replyTimeout(),
                overload);
    }

    static String replyTopic(CommandTransportProperties properties) {
        return Topics.REPLIES_PREFIX + properties.nodeId();
    }
}
