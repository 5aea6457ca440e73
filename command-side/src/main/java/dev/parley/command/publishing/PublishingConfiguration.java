package dev.parley.command.publishing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** What the events publisher is given. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EventsPublisherProperties.class, PublicationAuditProperties.class})
class PublishingConfiguration {

    /** The outbox's own transactions (recovery, deleting published rows), never joined to a caller's. */
    @Bean
    TransactionTemplate outboxTransaction(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }
}
