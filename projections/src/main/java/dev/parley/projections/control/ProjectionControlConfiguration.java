package dev.parley.projections.control;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The status reports and replay checks run on Spring's scheduler; the read models' transactions. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProjectionControlConfiguration {

    /** Each read model's processor commits without a disk flush (see {@link UnflushedCommits}). */
    @Bean
    ConfigurerModule readModelsCommitUnflushed(PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        return configurer -> ReadModels.NAMES.forEach(name -> configurer.eventProcessing()
                .registerTransactionManager(name, configuration -> new UnflushedCommits(transactions, jdbc)));
    }
}
