package dev.parley.command.commandbus;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The consumers of the commands topic: raw bytes in, replies out through the shared command producer. */
@Configuration(proxyBeanMethods = false)
class CommandTopicConfiguration {

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> commandListenerFactory(
            KafkaProperties kafka, KafkaTemplate<String, byte[]> commandKafkaTemplate) {
        Map<String, Object> consumer = kafka.buildConsumerProperties(null);
        // A command is answered once decided; its offset is committed after that (at least once).
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()));
        factory.setReplyTemplate(commandKafkaTemplate);
        return factory;
    }
}
