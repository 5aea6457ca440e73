package dev.parley.platform.shutdown;

import java.io.IOException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A service whose stop never ends (a bean that waits forever as it is destroyed, as a client may wait on
 * a server that is gone) and that started a process of its own: {@link ShutdownWatchdogIT} stops it.
 */
@SpringBootConfiguration
@ImportAutoConfiguration(ShutdownAutoConfiguration.class)
class HangingStopApplication {

    @Bean
    DisposableBean waitsForeverWhenDestroyed() {
        return () -> Thread.sleep(Long.MAX_VALUE);
    }

    @Bean
    Process childInASessionOfItsOwn() throws IOException {
        return new ProcessBuilder("setsid", "sleep", "600").start();
    }

    @Bean
    ForcedStop killsTheChild(Process childInASessionOfItsOwn) {
        return () -> childInASessionOfItsOwn.destroyForcibly();
    }

    public static void main(String[] args) throws InterruptedException {
        var context = new SpringApplicationBuilder(HangingStopApplication.class).web(WebApplicationType.NONE).run(args);
        System.out.println("ready, child " + context.getBean(Process.class).pid());
        Thread.sleep(Long.MAX_VALUE);
    }
}
