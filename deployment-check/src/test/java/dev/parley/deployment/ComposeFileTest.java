package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml: the services it declares, how they are built, and what they point at. */
class ComposeFileTest {

    static final List<String> INFRASTRUCTURE = List.of("kafka", "cassandra", "redis", "postgres", "minio");

    /** The port each Parley module listens on inside its container. */
    static final Map<String, Integer> MODULE_PORTS = Map.of(
            "command-side", 8081,
            "query-side", 8082,
            "projections", 8083,
            "websocket-push", 8084);

    private static Compose compose;

    @BeforeAll
    static void load() {
        compose = Compose.load();
    }

    @Test
    void parsesAsYamlWithServices() {
        assertThat(compose.services())
                .as("services in %s", Compose.FILE)
                .isNotEmpty();
    }

    @Test
    void declaresEveryInfrastructureService() {
        assertThat(compose.services().keySet())
                .as("infrastructure services in %s", Compose.FILE)
                .containsAll(INFRASTRUCTURE);
    }

    @Test
    void declaresTheGatewayAndEveryParleyTier() {
        assertThat(compose.services().keySet())
                .as("services in %s", Compose.FILE)
                .contains("gateway", "command-side", "query-side", "projections");
        assertSoftly(softly -> {
            for (String module : List.of("command-side", "query-side", "projections")) {
                softly.assertThat(compose.servicesBuiltFrom(module))
                        .as("services built with MODULE=%s", module)
                        .contains(module);
            }
            softly.assertThat(compose.servicesBuiltFrom("websocket-push"))
                    .as("services built with MODULE=websocket-push (push nodes; two show the tier scales out)")
                    .hasSizeGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void everyParleyServiceBuildsFromTheSharedDockerfile() {
        Path dockerfile = ProjectFiles.path("docker/Dockerfile");
        assertThat(dockerfile).as("the shared Dockerfile").isRegularFile();
        assertThat(compose.builtServices()).as("services built from source").isNotEmpty();
        assertSoftly(softly -> compose.builtServices().forEach((name, build) -> {
            // Compose resolves the context against the compose file's folder, the dockerfile against the context.
            Path context = ProjectFiles.ROOT.resolve(build.context()).normalize();
            softly.assertThat(context).as("build context of %s", name).isEqualTo(ProjectFiles.ROOT);
            softly.assertThat(context.resolve(build.dockerfile()).normalize())
                    .as("dockerfile of %s (context %s, dockerfile %s)", name, build.context(), build.dockerfile())
                    .isEqualTo(dockerfile);
            softly.assertThat(build.args().get("MODULE"))
                    .as("build arg MODULE of %s", name)
                    .isNotBlank();
        }));
    }

    @Test
    void everyModuleArgNamesASpringBootModule() {
        Set<String> modules = new TreeSet<>();
        compose.builtServices().values().forEach(b -> modules.add(b.args().get("MODULE")));
        assertThat(modules).as("MODULE build args").isNotEmpty().doesNotContainNull();
        assertSoftly(softly -> {
            for (String module : modules) {
                Path dir = ProjectFiles.path(module);
                softly.assertThat(dir)
                        .as("module folder %s at the project root", module)
                        .isDirectory();
                softly.assertThat(dir.resolve("pom.xml"))
                        .as("pom.xml of module %s", module)
                        .isRegularFile();
                softly.assertThat(ProjectFiles.anyJavaFileContains(dir.resolve("src/main/java"), "@SpringBootApplication"))
                        .as("a class annotated @SpringBootApplication under %s/src/main/java"
                                + " (the image runs the module's own application)", module)
                        .isTrue();
            }
        });
    }

    @Test
    void everyParleyServiceIsToldWhereKafkaIs() {
        Map<String, String> kafka = Compose.environment("kafka", compose.service("kafka"));
        String advertised = kafka.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
        assertSoftly(softly -> compose.builtServices().keySet().forEach(name -> {
            String bootstrap = Compose.environment(name, compose.service(name)).get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            softly.assertThat(bootstrap)
                    .as("SPRING_KAFKA_BOOTSTRAP_SERVERS of %s", name)
                    .isNotBlank();
            if (bootstrap != null && !bootstrap.isBlank()) {
                // A client bootstraps on this address, then uses what the broker advertises: they must agree.
                for (String server : bootstrap.split(",")) {
                    softly.assertThat(advertised)
                            .as("kafka's KAFKA_ADVERTISED_LISTENERS, which %s bootstraps on as %s", name, server)
                            .contains("//" + server.trim());
                }
            }
        }));
    }

    @Test
    void kafkaRunsInKRaftMode() {
        Map<String, String> kafka = Compose.environment("kafka", compose.service("kafka"));
        String roles = kafka.get("KAFKA_PROCESS_ROLES");
        assertThat(roles)
                .as("KAFKA_PROCESS_ROLES of kafka (one KRaft node is both broker and controller)")
                .isNotNull();
        assertThat(Arrays.stream(roles.split(",")).map(String::trim).toList())
                .as("KAFKA_PROCESS_ROLES of kafka")
                .contains("broker", "controller");
        assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                .as("KAFKA_CONTROLLER_QUORUM_VOTERS of kafka")
                .isNotBlank();
    }

    @Test
    void everyDependencyIsADeclaredServiceWithTheHealthcheckItWaitsFor() {
        Set<String> declared = compose.services().keySet();
        assertSoftly(softly -> compose.services().forEach((name, service) ->
                Compose.dependsOn(name, service).forEach((target, condition) -> {
                    softly.assertThat(declared)
                            .as("services in %s; %s depends on '%s'", Compose.FILE, name, target)
                            .contains(target);
                    if ("service_healthy".equals(condition) && declared.contains(target)) {
                        softly.assertThat(Compose.healthcheckCommand(compose.service(target)))
                                .as("healthcheck of %s, which %s waits to be healthy", target, name)
                                .isPresent();
                    }
                })));
    }

    @Test
    void everyParleyServiceProbesActuatorHealthOnItsOwnPort() {
        Pattern probedPort = Pattern.compile("(?:localhost|127\\.0\\.0\\.1):(\\$\\{?SERVER_PORT}?|\\d+)/actuator/health");
        assertSoftly(softly -> compose.builtServices().forEach((name, build) -> {
            Map<String, String> env = Compose.environment(name, compose.service(name));
            Integer expected = MODULE_PORTS.get(build.args().get("MODULE"));
            softly.assertThat(expected)
                    .as("known port of module %s (service %s)", build.args().get("MODULE"), name)
                    .isNotNull();
            softly.assertThat(env.get("SERVER_PORT"))
                    .as("SERVER_PORT of %s", name)
                    .isEqualTo(String.valueOf(expected));
            // "$$" is Compose's escape for a "$" left to the container's shell.
            String command = Compose.healthcheckCommand(compose.service(name)).orElse("").replace("$$", "$");
            Matcher m = probedPort.matcher(command);
            boolean found = m.find();
            softly.assertThat(found)
                    .as("healthcheck of %s requests /actuator/health on localhost; it runs: '%s'", name, command)
                    .isTrue();
            if (found) {
                String port = m.group(1).startsWith("$") ? env.get("SERVER_PORT") : m.group(1);
                softly.assertThat(port)
                        .as("port the healthcheck of %s probes", name)
                        .isEqualTo(String.valueOf(expected));
            }
        }));
    }

    @Test
    void pushNodesHaveDistinctNodeIds() {
        List<String> nodes = compose.servicesBuiltFrom("websocket-push");
        Set<String> ids = new LinkedHashSet<>();
        assertSoftly(softly -> nodes.forEach(name -> {
            String id = Compose.environment(name, compose.service(name)).get("PARLEY_COMMANDS_NODE_ID");
            softly.assertThat(id).as("PARLEY_COMMANDS_NODE_ID of %s", name).isNotBlank();
            softly.assertThat(ids.add(id)).as("PARLEY_COMMANDS_NODE_ID '%s' of %s is not used by another node", id, name)
                    .isTrue();
        }));
    }

    @Test
    void servicesUseTheCredentialsTheServersAreGiven() {
        Map<String, String> postgres = Compose.environment("postgres", compose.service("postgres"));
        Map<String, String> minio = Compose.environment("minio", compose.service("minio"));
        assertSoftly(softly -> compose.builtServices().keySet().forEach(name -> {
            Map<String, String> env = Compose.environment(name, compose.service(name));
            softly.assertThat(env.get("SPRING_DATASOURCE_USERNAME")).as("SPRING_DATASOURCE_USERNAME of %s"
                    + " (postgres' POSTGRES_USER)", name).isEqualTo(postgres.get("POSTGRES_USER"));
            softly.assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).as("SPRING_DATASOURCE_PASSWORD of %s"
                    + " (postgres' POSTGRES_PASSWORD)", name).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
            softly.assertThat(env.get("SPRING_DATASOURCE_URL")).as("SPRING_DATASOURCE_URL of %s", name)
                    .endsWith("/" + postgres.get("POSTGRES_DB"));
            softly.assertThat(env.get("PARLEY_S3_ACCESS_KEY")).as("PARLEY_S3_ACCESS_KEY of %s"
                    + " (minio's MINIO_ROOT_USER)", name).isEqualTo(minio.get("MINIO_ROOT_USER"));
            softly.assertThat(env.get("PARLEY_S3_SECRET_KEY")).as("PARLEY_S3_SECRET_KEY of %s"
                    + " (minio's MINIO_ROOT_PASSWORD)", name).isEqualTo(minio.get("MINIO_ROOT_PASSWORD"));
        }));
    }

    @Test
    void infrastructureKeepsItsDataInDeclaredNamedVolumes() {
        Set<String> declared = compose.namedVolumes();
        assertSoftly(softly -> {
            for (String name : INFRASTRUCTURE) {
                List<Compose.Mount> named = Compose.mounts(name, compose.service(name)).stream()
                        .filter(Compose.Mount::isNamedVolume).toList();
                softly.assertThat(named).as("named volumes of %s (its data outlives the container)", name)
                        .isNotEmpty();
            }
            compose.services().forEach((name, service) -> Compose.mounts(name, service).stream()
                    .filter(Compose.Mount::isNamedVolume)
                    .forEach(mount -> softly.assertThat(declared)
                            .as("top-level volumes of %s; %s mounts '%s'", Compose.FILE, name, mount.source())
                            .contains(mount.source())));
        });
    }

    @Test
    void hostPathsMountedIntoServicesExist() {
        assertSoftly(softly -> compose.services().forEach((name, service) -> Compose.mounts(name, service).stream()
                .filter(m -> m.source() != null && m.source().startsWith("."))
                .forEach(m -> softly.assertThat(Files.exists(ProjectFiles.ROOT.resolve(m.source()).normalize()))
                        .as("%s mounts %s, relative to %s", name, m.source(), Compose.FILE)
                        .isTrue())));
    }
}
