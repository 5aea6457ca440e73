package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InfraSettingsTest {

    @Test
    void defaultsStartEveryServerOnPortsAwayFromTheStandardOnes() {
        InfraSettings settings = InfraSettings.from(key -> null);

        assertThat(settings.postgres().embedded()).isTrue();
        assertThat(settings.kafka().embedded()).isTrue();
        assertThat(settings.cassandra().embedded()).isTrue();
        assertThat(settings.redis().embedded()).isTrue();
        assertThat(settings.s3().embedded()).isTrue();
        assertThat(settings.postgres().port()).isNotEqualTo(5432);
        assertThat(settings.kafka().port()).isNotEqualTo(9092);
        assertThat(settings.cassandra().port()).isNotEqualTo(9042);
        assertThat(settings.redis().port()).isNotEqualTo(6379);
        assertThat(settings.dataDir()).isAbsolute().hasFileName("data");
    }

    @Test
    void anExternalAddressReplacesTheEmbeddedServerAndIsWhatTheApplicationIsGiven() {
        Map<String, String> values = Map.of(
                "parley.infra.kafka.bootstrap-servers", "broker-1:9092,broker-2:9092",
                "parley.infra.postgres.jdbc-url", "jdbc:postgresql://db:5432/chat");
        InfraSettings settings = InfraSettings.from(values::get);

        assertThat(settings.kafka().embedded()).isFalse();
        assertThat(settings.postgres().embedded()).isFalse();
        assertThat(settings.cassandra().embedded()).isTrue();
        assertThat(InfraEndpoints.of(settings).springProperties())
                .containsEntry("spring.kafka.bootstrap-servers", "broker-1:9092,broker-2:9092")
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/chat")
                .containsEntry("spring.cassandra.contact-points", "127.0.0.1:" + settings.cassandra().port());
    }

    @Test
    void aPortThatIsNotANumberIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> InfraSettings.from(Map.of("parley.infra.redis.port", "six")::get))
                .hasMessageContaining("parley.infra.redis.port")
                .hasMessageContaining("six");
    }
}
