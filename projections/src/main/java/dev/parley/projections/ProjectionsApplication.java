package dev.parley.projections;

import dev.parley.readmodel.ReadModelProjections;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Runs the projections alone, as one service of a deployment. */
@SpringBootApplication
@Import(ReadModelProjections.class)
public class ProjectionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionsApplication.class, args);
    }
}
