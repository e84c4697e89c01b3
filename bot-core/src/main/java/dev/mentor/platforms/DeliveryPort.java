package dev.mentor.platforms;

import dev.mentor.chat.Reply;

/**
 * The way out to one platform for messages nobody asked for right now (reminders). Each
 * platform implements it; it returns only once the platform accepted the message.
 */
@FunctionalInterface
public interface DeliveryPort {

    void deliver(Recipient recipient, Reply reply) throws DeliveryException;
}
