package dev.mentor.chat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file a reply carries (a chart, a data export), free of any platform. Immutable: the bytes are
 * copied in, and {@link #content()} hands out a copy; {@link #open()} reads them without one.
 *
 * @param fileName  what the file is called where it arrives: letters, digits, '.', '_' and '-', so
 *                  it is safe as a file name anywhere and as a Discord {@code attachment://} reference
 * @param mediaType its type, such as {@code image/png}; images are shown as pictures, the rest as files
 * @param caption   a line of plain text (not markup) shown with it, or ""
 */
// The bytes are handled as a value: copied in and out, compared and hashed by content below.
@SuppressWarnings("ArrayRecordComponent")
public record Attachment(String fileName, String mediaType, byte[] content, String caption) {

    public static final String PNG = "image/png";
    public static final String JSON = "application/json";
    /** Longer captions are cut: every platform shows a caption as one short line. */
    public static final int MAX_CAPTION = 200;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public Attachment {
        if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("An attachment's file name holds 1 to 100 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit: " + fileName);
        }
        if (mediaType == null || !mediaType.contains("/")) {
            throw new IllegalArgumentException("An attachment needs a media type such as image/png: " + mediaType);
        }
        mediaType = mediaType.strip().toLowerCase(Locale.ROOT);
        content = content.clone();
        caption = caption == null ? "" : caption.strip();
        if (caption.length() > MAX_CAPTION) {
            caption = caption.substring(0, MAX_CAPTION - 1) + "…";
        }
    }

    public static Attachment png(String fileName, byte[] content, String caption) {
        return new Attachment(fileName, PNG, content, caption);
    }

    /** A copy of the bytes. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The bytes to read, without copying them. */
    public InputStream open() {
        return new ByteArrayInputStream(content);
    }

    public int size() {
        return content.length;
    }

    /** Whether it is a picture to show rather than a file to download. */
    public boolean isImage() {
        return mediaType.startsWith("image/");
    }

    /** Its size for people: "340 KB", "12.4 MB". */
    public String readableSize() {
        return readableSize(content.length);
    }

    public static String readableSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment that && fileName.equals(that.fileName) && mediaType.equals(that.mediaType)
                && Arrays.equals(content, that.content) && caption.equals(that.caption);
    }

    @Override
    public int hashCode() {
        return (fileName.hashCode() * 31 + mediaType.hashCode()) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName + ", " + mediaType + ", " + readableSize() + "]";
    }
}
