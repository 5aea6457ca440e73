package dev.parley.projections.control;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The status reports and replay checks run on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProjectionControlConfiguration {
}
