package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker/Dockerfile and .dockerignore: one recipe that builds any module and runs it unprivileged. */
class DockerfileTest {

    static final String FILE = "docker/Dockerfile";

    /** One instruction, continuation lines joined: e.g. ("ARG", "MODULE"). */
    record Instruction(String keyword, String arguments) {
    }

    private static List<Instruction> instructions;

    @BeforeAll
    static void parse() {
        instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : ProjectFiles.read(FILE).split("\\R")) {
            String trimmed = line.strip();
            // Comments (and parser directives, which look like them) may sit between continuation lines.
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String[] words = pending.toString().strip().split("\\s+", 2);
            instructions.add(new Instruction(words[0].toUpperCase(Locale.ROOT), words.length > 1 ? words[1] : ""));
            pending.setLength(0);
        }
    }

    /** The instructions of each stage, a stage starting at its FROM. */
    private static List<List<Instruction>> stages() {
        List<List<Instruction>> stages = new ArrayList<>();
        for (Instruction i : instructions) {
            if (i.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).add(i);
            }
        }
        return stages;
    }

    private static boolean declaresModuleArg(Instruction i) {
        return i.keyword().equals("ARG") && i.arguments().matches("MODULE(=.*)?");
    }

    @Test
    void isMultiStageWithTheModuleArgInEveryStage() {
        long froms = instructions.stream().filter(i -> i.keyword().equals("FROM")).count();
        long moduleArgs = instructions.stream().filter(DockerfileTest::declaresModuleArg).count();
        assertThat(froms).as("FROM lines in %s (a build stage and a runtime stage)", FILE)
                .isGreaterThanOrEqualTo(2);
        assertThat(moduleArgs).as("ARG MODULE lines in %s (an ARG is scoped to one stage)", FILE)
                .isGreaterThanOrEqualTo(2);
        assertSoftly(softly -> stages().forEach(stage -> softly.assertThat(stage)
                .as("stage '%s' of %s declares ARG MODULE", stage.get(0).arguments(), FILE)
                .anyMatch(DockerfileTest::declaresModuleArg)));
    }

    @Test
    void runsAsANonRootUser() {
        List<List<Instruction>> stages = stages();
        assertThat(stages).as("stages of %s", FILE).isNotEmpty();
        List<Instruction> users = stages.get(stages.size() - 1).stream()
                .filter(i -> i.keyword().equals("USER")).toList();
        assertThat(users).as("USER instructions in the final stage of %s", FILE).isNotEmpty();
        String user = users.get(users.size() - 1).arguments().split(":")[0].trim();
        assertThat(user).as("the user the image runs as (last USER of %s)", FILE)
                .isNotBlank()
                .isNotIn("root", "0");
    }

    @Test
    void copiesTheExecJarOfTheProjectVersion() {
        String version = ProjectFiles.projectVersion();
        List<String> copies = instructions.stream()
                .filter(i -> i.keyword().equals("COPY") && i.arguments().startsWith("--from="))
                .map(Instruction::arguments)
                .toList();
        assertThat(copies)
                .as("COPY --from lines of %s; one should take the jar built for project version %s", FILE, version)
                .anyMatch(args -> args.contains("${MODULE}-" + version + "-exec.jar"));
    }

    @Test
    void everyModuleComposeBuildsRepackagesAnExecJar() {
        // The Dockerfile copies <module>-<version>-exec.jar, which only exists when the module's
        // spring-boot-maven-plugin repackages with the "exec" classifier.
        Set<String> modules = new TreeSet<>();
        Compose.load().builtServices().values().forEach(b -> modules.add(b.args().get("MODULE")));
        Pattern execClassifier = Pattern.compile("<classifier>\\s*exec\\s*</classifier>");
        assertSoftly(softly -> {
            for (String module : modules) {
                if (!ProjectFiles.path(module + "/pom.xml").toFile().isFile()) {
                    softly.fail("module %s has no pom.xml", module);
                    continue;
                }
                Matcher m = execClassifier.matcher(ProjectFiles.read(module + "/pom.xml"));
                softly.assertThat(m.find())
                        .as("%s/pom.xml repackages with <classifier>exec</classifier>, the jar %s copies", module, FILE)
                        .isTrue();
            }
        });
    }

    @Test
    void dockerignoreKeepsBuildOutputAndLocalDataOutOfTheContext() {
        List<String> patterns = ProjectFiles.read(".dockerignore").lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(patterns).as("patterns in .dockerignore").contains("**/target", "data", ".git");
    }
}
