package dev.parley.push.socket;

import dev.parley.push.PushProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The {@code /ws} endpoint: its handler, the browser origins it accepts, and the container's frame limit. */
@Configuration
@EnableWebSocket
@EnableScheduling
@EnableConfigurationProperties(PushProperties.class)
class SocketConfiguration implements WebSocketConfigurer {

    private final ClientSocketHandler handler;
    private final PushProperties properties;

    SocketConfiguration(ClientSocketHandler handler, PushProperties properties) {
        this.handler = handler;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // A browser's Origin must match one of these (403 otherwise); clients without one (apps, servers) pass.
        registry.addHandler(handler, "/ws").setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }

    /** The container closes a socket whose text frame is larger than the limit with 1009, before it is buffered. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.maxFrameBytes());
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }
}
