package dev.parley.projections.source;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka extension's converter, except that a record it cannot read as an event becomes a
 * {@link ForeignRecord} event instead of nothing. (The extension drops such a record without moving the
 * token past it.)
 */
final class ForeignRecordTolerantConverter implements KafkaMessageConverter<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ForeignRecordTolerantConverter.class);

    private final KafkaMessageConverter<String, byte[]> events;

    ForeignRecordTolerantConverter(KafkaMessageConverter<String, byte[]> events) {
        this.events = events;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
        return events.createKafkaMessage(event, topic);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        Optional<EventMessage<?>> event = events.readKafkaMessage(record);
        if (event.isPresent()) {
            return event;
        }
        log.debug("record {}-{}@{} is not an event; passed over", record.topic(), record.partition(), record.offset());
        return Optional.of(GenericEventMessage.asEventMessage(
                new ForeignRecord(record.topic(), record.partition(), record.offset())));
    }
}
