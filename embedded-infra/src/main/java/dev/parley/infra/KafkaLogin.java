package dev.parley.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SASL PLAIN login to Kafka: PLAIN because the embedded broker listens on loopback only, where the
 * password crosses no network, and because it needs no credential stored in the broker's metadata
 * (SCRAM would), so it costs nothing at start.
 */
public record KafkaLogin(String username, String password) {

    public KafkaLogin {
        // The names go into a JAAS line between double quotes; generated secrets are base64url.
        if (username.contains("\"") || password.contains("\"") || username.contains("\\") || password.contains("\\")) {
            throw new IllegalArgumentException("Kafka's username and password may not contain quotes or backslashes");
        }
    }

    /** The JAAS line with which a client logs in. */
    public String clientJaasConfig() {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /** The JAAS line of a broker listener: it logs in to the controller as this user and accepts only this user. */
    String listenerJaasConfig() {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + username
                + "\" password=\"" + password + "\" user_" + username + "=\"" + password + "\";";
    }

    /** What a Kafka client (producer, consumer, admin) needs to be let in. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", "PLAIN");
        properties.put("sasl.jaas.config", clientJaasConfig());
        return properties;
    }
}
