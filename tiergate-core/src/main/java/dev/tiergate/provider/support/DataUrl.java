package dev.tiergate.provider.support;

import java.util.Optional;

/**
 * An inline {@code data:<media-type>;base64,<data>} URL, the way OpenAI clients embed images and files, which
 * Anthropic and Bedrock want as separate media type and base64 payload.
 */
public record DataUrl(String mediaType, String base64) {

    public static Optional<DataUrl> parse(String url) {
        if (url == null || !url.startsWith("data:")) {
            return Optional.empty();
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return Optional.empty();
        }
        String meta = url.substring(5, comma);
        if (!meta.endsWith(";base64")) {
            return Optional.empty();
        }
        String mediaType = meta.substring(0, meta.length() - ";base64".length());
        return Optional.of(new DataUrl(mediaType.isEmpty() ? "application/octet-stream" : mediaType,
                url.substring(comma + 1)));
    }

    /** "png" for "image/png": the short format name Bedrock expects. */
    public String subtype() {
        int slash = mediaType.indexOf('/');
        return slash < 0 ? mediaType : mediaType.substring(slash + 1);
    }
}
