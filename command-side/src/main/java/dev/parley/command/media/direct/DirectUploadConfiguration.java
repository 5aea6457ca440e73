package dev.parley.command.media.direct;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The limits of direct uploads. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DirectUploadProperties.class)
class DirectUploadConfiguration {
}
