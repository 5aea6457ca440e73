package dev.parley.push.socket;

import dev.parley.push.PushProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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
        // A browser from another origin must match one of these (403 otherwise): a page elsewhere must not
        // open sockets with a user's ticket. Same-origin pages and clients without an Origin (apps, servers) pass.
        String[] origins = properties.allowedOrigins() == null ? new String[0]
                : properties.allowedOrigins().stream().filter(origin -> !origin.isBlank()).toArray(String[]::new);
        registry.addHandler(handler, "/ws").setAllowedOriginPatterns(origins);
    }

    /**
     * The container's buffers, which it allocates for every socket when it opens: 4 Ki characters of text
     * (frames come to the handler in parts of that size, and it enforces the frame limit) and 1 KiB of
     * binary, which the protocol does not use. A buffer of the whole frame limit would cost 128 KB a socket.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }

    static final int TEXT_BUFFER_CHARS = 4 * 1024;

    /**
     * Each connection's socket read and write buffers: 8 KiB each by default, for every idle socket. Frames
     * are small; a larger one is read or written in more steps.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallConnectionBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", "2048");
            connector.setProperty("socket.appWriteBufSize", "2048");
        });
    }
}
