package dev.parley.push.fanout;

import dev.parley.push.events.EventRecords;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import dev.parley.push.PushProperties;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The fan-out's consumers: every push node joins one consumer group on the events and presence topics,
 * so each event is routed once, by whichever node owns its partition, and no node reads the whole stream.
 */
@Configuration
class FanoutConsumers {

    /** The consumer group every push node of an installation shares. */
    static final String GROUP = "parley-push-fanout";

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> fanoutContainer(KafkaProperties kafka, KafkaTopicsProperties topics,
                                                                       EventFanout fanout, PushProperties properties) {
        Map<String, Object> consumer = kafka.buildConsumerProperties(null);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        // A new installation pushes what happens from now on; history is what the history command is for.
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var consumers = new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());
        ContainerProperties container = new ContainerProperties(topics.events().name(), topics.presence().name());
        container.setMessageListener(fanout);
        // Offsets are committed without waiting, so the next batch is not held up by a broker round trip;
        // a commit lost in a crash routes a few events again, which each socket drops by seq.
        container.setSyncCommits(false);
        var listeners = new ConcurrentMessageListenerContainer<>(consumers, container);
        listeners.setConcurrency(properties.fanoutConsumers());
        // A batch that fails (Redis away) is tried again a few times, then left: clients repair a lost push from seq gaps.
        listeners.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(500, 6)));
        return listeners;
    }
}
