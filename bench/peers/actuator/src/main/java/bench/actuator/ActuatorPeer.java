package bench.actuator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Nothing but Spring Boot's auto-configuration: Actuator's health endpoint, as a Java team would ship it. */
@SpringBootApplication
public class ActuatorPeer {

    public static void main(String[] args) {
        SpringApplication.run(ActuatorPeer.class, args);
    }
}
