package dev.mentor.storage;

/** The database cannot be opened or migrated; the message says which and why, without secrets. */
public final class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
