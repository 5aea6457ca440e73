package dev.parley.projections.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.MessageSent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class ForeignRecordTolerantConverterTest {

    private static final String TOPIC = "parley.events";

    private final DefaultKafkaMessageConverter extension = DefaultKafkaMessageConverter.builder()
            .serializer(JacksonSerializer.defaultSerializer())
            .build();
    private final ForeignRecordTolerantConverter converter = new ForeignRecordTolerantConverter(extension);

    @Test
    void anEventIsReadAsTheEventWithItsPlaceInItsConversation() {
        MessageSent sent = sent();
        GenericDomainEventMessage<MessageSent> event = new GenericDomainEventMessage<>("Conversation", "g:team", 7, sent);
        ProducerRecord<String, byte[]> published = converter.createKafkaMessage(event, TOPIC);

        Optional<EventMessage<?>> read = converter.readKafkaMessage(consumed(published, 2, 41));

        assertThat(read).get().isInstanceOf(DomainEventMessage.class);
        DomainEventMessage<?> message = (DomainEventMessage<?>) read.get();
        assertThat(message.getPayload()).isEqualTo(sent);
        assertThat(message.getIdentifier()).isEqualTo(event.getIdentifier());
        assertThat(message.getAggregateIdentifier()).isEqualTo("g:team");
        assertThat(message.getSequenceNumber()).as("the version every projection write carries").isEqualTo(7);
    }

    @Test
    void aRecordThatIsNotAnEventBecomesAForeignRecordNamingWhereItSits() {
        ConsumerRecord<String, byte[]> probe = new ConsumerRecord<>(TOPIC, 2, 41, "probe", "hello".getBytes(StandardCharsets.UTF_8));

        Optional<EventMessage<?>> read = converter.readKafkaMessage(probe);

        assertThat(read).get().extracting(EventMessage::getPayload).isEqualTo(new ForeignRecord(TOPIC, 2, 41));
    }

    @Test
    void aRecordWithoutAValueBecomesAForeignRecord() {
        ConsumerRecord<String, byte[]> tombstone = new ConsumerRecord<>(TOPIC, 0, 9, "g:team", null);

        assertThat(converter.readKafkaMessage(tombstone)).get().extracting(EventMessage::getPayload)
                .isEqualTo(new ForeignRecord(TOPIC, 0, 9));
    }

    /** Only what is not an event is passed over: a broken event fails in its handler and is parked as a dead letter. */
    @Test
    void anEventWhoseBodyCannotBeReadIsNotPassedOver() {
        ProducerRecord<String, byte[]> published = converter.createKafkaMessage(
                new GenericDomainEventMessage<>("Conversation", "g:team", 7, sent()), TOPIC);
        ProducerRecord<String, byte[]> garbled = new ProducerRecord<>(TOPIC, null, published.key(),
                "{not json".getBytes(StandardCharsets.UTF_8), published.headers());

        Optional<EventMessage<?>> read = converter.readKafkaMessage(consumed(garbled, 0, 1));

        assertThat(read).get().extracting(EventMessage::getPayloadType).isEqualTo(MessageSent.class);
        assertThatThrownBy(() -> read.get().getPayload()).isInstanceOf(SerializationException.class);
    }

    private static MessageSent sent() {
        return new MessageSent(new ConversationId("g:team"), new MessageId("m-3"), 3, new UserId("ada"), "c-3", "hi", null,
                Instant.parse("2025-01-02T03:04:05Z"));
    }

    /** The record as a consumer reads it back at {@code partition}@{@code offset}, headers included. */
    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        return new ConsumerRecord<>(record.topic(), partition, offset, 0L, TimestampType.CREATE_TIME, -1, -1,
                record.key(), record.value(), headers, Optional.empty());
    }
}
