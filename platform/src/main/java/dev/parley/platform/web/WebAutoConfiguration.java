package dev.parley.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.platform.outage.OutageProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/** The REST error format every service shares, and the limit on request bodies. */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({WebProperties.class, OutageProperties.class})
@Import(ProblemDetailsAdvice.class)
public class WebAutoConfiguration {

    /** First of every filter: a body over its limit is refused before anything else looks at the request. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(WebProperties properties, ObjectMapper json) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(new RequestBodyLimit(properties, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // after the character encoding filter
        return registration;
    }
}
