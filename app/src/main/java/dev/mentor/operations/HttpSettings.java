package dev.mentor.operations;

import java.util.Map;
import java.util.Optional;

/**
 * Where the operations server listens: off unless {@value #PORT} is set; on {@value #HOST}, by default
 * only this machine (127.0.0.1), so nothing is exposed unless asked for.
 */
public record HttpSettings(String host, int port) {

    public static final String PORT = "MENTOR_HTTP_PORT";
    public static final String HOST = "MENTOR_HTTP_HOST";
    public static final String DEFAULT_HOST = "127.0.0.1";

    public HttpSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PORT + " is '" + port + "'; expected a port from 1 to 65535.");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(HOST + " is empty; expected an address to listen on, such as 127.0.0.1 "
                    + "or 0.0.0.0.");
        }
    }

    /**
     * The settings, or none when no port is set.
     *
     * @throws IllegalArgumentException naming the setting and what it expects
     */
    public static Optional<HttpSettings> fromEnvironment(Map<String, String> environment) {
        String port = environment.getOrDefault(PORT, "").strip();
        if (port.isEmpty()) {
            return Optional.empty();
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " is '" + port + "'; expected a port from 1 to 65535.");
        }
        if (number < 1) {
            throw new IllegalArgumentException(PORT + " is '" + port + "'; expected a port from 1 to 65535.");
        }
        String host = environment.getOrDefault(HOST, "").strip();
        return Optional.of(new HttpSettings(host.isEmpty() ? DEFAULT_HOST : host, number));
    }
}
