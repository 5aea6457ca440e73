package dev.parley.projections;

import dev.parley.testing.RealServers;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

/**
 * Publishes events to a topic the way Parley's publishers do (Axon's Kafka message converter, keyed by
 * aggregate), so that a test can feed the projections without the command side.
 */
public final class EventsTopic implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.endpoints().kafkaBootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());
    private final KafkaMessageConverter<String, byte[]> converter;

    public EventsTopic(KafkaMessageConverter<String, byte[]> converter) {
        this.converter = converter;
    }

    /** An aggregate's events from {@code firstSequence} on, in order, as its publisher sends them. */
    public void publishHistory(String topic, String aggregateType, String aggregateId, long firstSequence,
                               List<?> events) throws Exception {
        for (int i = 0; i < events.size(); i++) {
            var message = new GenericDomainEventMessage<>(aggregateType, aggregateId, firstSequence + i, events.get(i));
            producer.send(converter.createKafkaMessage(message, topic)).get();
        }
    }

    /** An event that belongs to no aggregate (a presence change), under the key the edge gives it. */
    public void publish(String topic, String key, Object event) throws Exception {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(GenericEventMessage.asEventMessage(event), topic);
        producer.send(new ProducerRecord<>(topic, null, key, record.value(), record.headers())).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
