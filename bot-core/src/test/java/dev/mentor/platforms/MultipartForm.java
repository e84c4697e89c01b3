package dev.mentor.platforms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/** A multipart/form-data body as the platforms' test fakes receive uploads, read by mime4j. */
public final class MultipartForm {

    /**
     * One part of the form.
     *
     * @param field       the form field's name
     * @param fileName    the uploaded file's name, or null for a plain field
     * @param contentType the part's media type
     * @param bytes       its content, byte for byte as sent
     */
    public record Part(String field, String fileName, String contentType, byte[] bytes) {

        public boolean isFile() {
            return fileName != null;
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private MultipartForm() {
    }

    /** The parts of {@code body}, whose Content-Type header (with its boundary) is {@code contentType}. */
    public static List<Part> parts(byte[] body, String contentType) throws IOException {
        List<Part> parts = new ArrayList<>();
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.DEFAULT, new DefaultBodyDescriptorBuilder());
        stream.parseHeadless(new ByteArrayInputStream(body), contentType);
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state == EntityState.T_BODY) {
                    MaximalBodyDescriptor part = (MaximalBodyDescriptor) stream.getBodyDescriptor();
                    parts.add(new Part(part.getContentDispositionParameters().get("name"),
                            part.getContentDispositionFilename(), part.getMimeType(), stream.getInputStream().readAllBytes()));
                }
            }
        } catch (MimeException e) {
            throw new IOException("not a multipart form: " + e.getMessage(), e);
        }
        return parts;
    }
}
