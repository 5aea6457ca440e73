package dev.parley.projections.source;

import dev.parley.platform.kafka.KafkaTopicsProperties;
import java.util.List;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events topic (and the presence topic) as the projections' event sources: the Kafka extension's
 * source, as its autoconfiguration would build it, but with a buffer that keeps fetch order (see
 * {@link FetchOrderBuffer}) and a converter that passes over records that are not events
 * ({@link ForeignRecordTolerantConverter}).
 */
@Configuration(proxyBeanMethods = false)
class EventsTopicSource {

    /** As the extension's own buffer: enough to keep the processor busy while the next fetch runs. */
    private static final int BUFFERED_RECORDS = 10_000;

    @Bean
    StreamableKafkaMessageSource<String, byte[]> streamableKafkaMessageSource(
            KafkaProperties kafka, @Qualifier("eventSerializer") Serializer serializer,
            ConsumerFactory<String, byte[]> consumers, Fetcher<String, byte[], KafkaEventMessage> fetcher,
            KafkaMessageConverter<String, byte[]> converter) {
        return source(kafka.getDefaultTopic(), serializer, consumers, fetcher, converter);
    }

    /** The edge's presence changes: a topic of their own, never in the event store (see {@code PresenceChanged}). */
    @Bean
    StreamableKafkaMessageSource<String, byte[]> presenceTopicSource(
            KafkaTopicsProperties topics, @Qualifier("eventSerializer") Serializer serializer,
            ConsumerFactory<String, byte[]> consumers, Fetcher<String, byte[], KafkaEventMessage> fetcher,
            KafkaMessageConverter<String, byte[]> converter) {
        return source(topics.presence().name(), serializer, consumers, fetcher, converter);
    }

    private static StreamableKafkaMessageSource<String, byte[]> source(
            String topic, Serializer serializer, ConsumerFactory<String, byte[]> consumers,
            Fetcher<String, byte[], KafkaEventMessage> fetcher, KafkaMessageConverter<String, byte[]> converter) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(topic))
                .serializer(serializer)
                .consumerFactory(consumers)
                .fetcher(fetcher)
                .messageConverter(new ForeignRecordTolerantConverter(converter))
                .bufferFactory(() -> new FetchOrderBuffer(BUFFERED_RECORDS))
                .build();
    }
}
