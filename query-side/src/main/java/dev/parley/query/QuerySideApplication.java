package dev.parley.query;

import dev.parley.readmodel.ReadModelQueries;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Runs the query side alone, as one service of a deployment. */
@SpringBootApplication
@Import(ReadModelQueries.class)
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
