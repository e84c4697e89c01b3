package dev.mentor.operations;

import com.sun.net.httpserver.Headers;

/** A POST endpoint on the operations server (a platform's webhook): headers and body in, the status out. */
@FunctionalInterface
public interface PostEndpoint {

    int receive(Headers headers, byte[] body);
}
