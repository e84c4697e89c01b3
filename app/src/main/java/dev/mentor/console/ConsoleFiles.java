package dev.mentor.console;

import dev.mentor.chat.Attachment;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the console chat puts the files a reply carries, since a terminal cannot show them: one file
 * each in a folder, under the file's own name, never over an earlier one ({@code progress-2.png} next).
 */
public final class ConsoleFiles {

    private static final int MAX_TRIES = 1_000;

    private final Path folder;

    public ConsoleFiles(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Writes the file (creating the folder) and says where it went. */
    public Path save(Attachment attachment) throws IOException {
        Files.createDirectories(folder);
        String name = attachment.fileName();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; n <= MAX_TRIES; n++) {
            Path file = folder.resolve(n == 1 ? name : stem + "-" + n + extension);
            try {
                Files.write(file, attachment.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return file;
            } catch (FileAlreadyExistsException taken) {
                // an earlier one of the same name: try the next number
            }
        }
        throw new IOException("the folder already holds " + MAX_TRIES + " files named like " + name);
    }
}
