package dev.parley.command;

import dev.parley.command.conversation.ConversationLimits;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the command side's aggregates are given: the clock, the limits, how commands find them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationLimits.class)
class CommandSideConfiguration {

    /** Event times come from here, so that a test can fix them. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Named in each {@code @Aggregate}: the kernel's commands carry no Axon annotation. */
    @Bean
    AggregateTargets aggregateTargets() {
        return new AggregateTargets();
    }
}
