package dev.parley.push;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs one push node (the WebSocket edge) alone; a deployment runs several. */
@SpringBootApplication
public class PushApplication {

    public static void main(String[] args) {
        smallSocketBuffers();
        SpringApplication.run(PushApplication.class, args);
    }

    /**
     * Tomcat's WebSocket buffers (frame input, message output, encoder), allocated for every socket, are
     * 8 KiB each unless this property says otherwise before Tomcat's WebSocket classes load. An idle socket
     * needs none of that room; 2 KiB each leaves more sockets to a heap (docs/benchmarks.md).
     */
    public static void smallSocketBuffers() {
        if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER) == null) {
            System.setProperty(TOMCAT_WEBSOCKET_BUFFER, "2048");
        }
    }

    private static final String TOMCAT_WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
}
