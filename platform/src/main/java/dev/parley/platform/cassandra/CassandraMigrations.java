package dev.parley.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Versioned CQL, in the manner of Flyway: scripts {@code cassandra/migration/V<n>__<what>.cql} run in
 * version order, once each, recorded with a checksum in {@code schema_migrations}. An applied script
 * that later changes stops the start: schema history is append-only. Every statement is written with
 * IF NOT EXISTS, so two instances migrating at once do no harm.
 */
final class CassandraMigrations {

    private static final Logger log = LoggerFactory.getLogger(CassandraMigrations.class);
    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.cql");
    static final String LOCATION = "classpath*:cassandra/migration/V*__*.cql";

    private final CqlSession session;
    private final CassandraSchemaProperties properties;
    private final ResourcePatternResolver resources;

    CassandraMigrations(CqlSession session, CassandraSchemaProperties properties, ResourcePatternResolver resources) {
        this.session = session;
        this.properties = properties;
        this.resources = resources;
    }

    record Script(int version, String description, String text) {
        String checksum() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Statements end with a semicolon at the end of a line; lines starting with -- are comments. */
        List<String> statements(String keyspace) {
            String withoutComments = text.lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(withoutComments.split(";\\s*(\\n|$)"))
                    .map(String::strip)
                    .filter(statement -> !statement.isEmpty())
                    .map(statement -> statement.replace("${keyspace}", keyspace))
                    .toList();
        }
    }

    void apply() throws IOException {
        String keyspace = properties.keyspace();
        execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + properties.replication());
        execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations ("
                + "version int PRIMARY KEY, description text, checksum text, applied_at timestamp)");
        Map<Integer, String> applied = session.execute(
                        SimpleStatement.newInstance("SELECT version, checksum FROM " + keyspace + ".schema_migrations")
                                .setTimeout(properties.schemaTimeout()))
                .all().stream()
                .collect(Collectors.toMap(row -> row.getInt("version"), (Row row) -> row.getString("checksum")));
        for (Script script : scripts()) {
            String checksum = script.checksum();
            String recorded = applied.get(script.version());
            if (recorded != null) {
                if (!recorded.equals(checksum)) {
                    throw new IllegalStateException("Cassandra migration V" + script.version() + " changed after it"
                            + " was applied; add a new migration instead of editing an old one");
                }
                continue;
            }
            log.info("applying Cassandra migration V{} {}", script.version(), script.description());
            script.statements(keyspace).forEach(this::execute);
            session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".schema_migrations"
                            + " (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    script.version(), script.description(), checksum, Instant.now()));
        }
    }

    List<Script> scripts() throws IOException {
        return Arrays.stream(resources.getResources(LOCATION))
                .map(CassandraMigrations::read)
                .sorted(Comparator.comparingInt(Script::version))
                .toList();
    }

    private static Script read(Resource resource) {
        Matcher name = SCRIPT_NAME.matcher(String.valueOf(resource.getFilename()));
        if (!name.matches()) {
            throw new IllegalStateException("Cassandra migration " + resource.getFilename()
                    + " is not named V<version>__<description>.cql");
        }
        try {
            return new Script(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '),
                    resource.getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private void execute(String cql) {
        // Schema changes wait for agreement across the cluster: far slower than the driver's 2 s default.
        session.execute(SimpleStatement.newInstance(cql).setTimeout(properties.schemaTimeout()));
    }
}
