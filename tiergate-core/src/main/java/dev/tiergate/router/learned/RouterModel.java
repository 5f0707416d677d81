package dev.tiergate.router.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.json.Json;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained router: which embedding (model, token budget) it was trained on, the quality model, the reference
 * strong / weak models, the score rule and a default threshold, plus free-form training metadata (files, seed, CV).
 * File format: gzip( "TGRM" version=1, header JSON (UTF), quality-model kind (UTF), quality-model body ).
 */
public final class RouterModel {

    public static final String BUNDLED_RESOURCE = "dev/tiergate/router/learned/default-router.tgrm";
    private static final int MAGIC = 0x5447524D; // "TGRM"
    private static volatile RouterModel bundled;

    private final ObjectNode header;
    private final QualityModel model;

    public RouterModel(ObjectNode header, QualityModel model) {
        this.header = header;
        this.model = model;
    }

    public static RouterModel of(QualityModel model, PromptEmbedder.Model embedding, int maxTokens, int headTokens,
                                 String strong, String weak, ScoreRule rule, double defaultThreshold,
                                 ObjectNode info) {
        ObjectNode h = Json.object();
        h.put("embedding", embedding.name());
        h.put("max_tokens", maxTokens);
        h.put("head_tokens", headTokens);
        h.put("strong", strong);
        h.put("weak", weak);
        h.put("rule", rule.name());
        h.put("default_threshold", defaultThreshold);
        h.set("info", info == null ? Json.object() : info);
        return new RouterModel(h, model);
    }

    public QualityModel quality() {
        return model;
    }

    public List<String> models() {
        return model.models();
    }

    public ObjectNode header() {
        return header.deepCopy();
    }

    public PromptEmbedder.Model embedding() {
        return PromptEmbedder.Model.valueOf(header.path("embedding").asText());
    }

    public int maxTokens() {
        return header.path("max_tokens").asInt(PromptEmbedder.DEFAULT_MAX_TOKENS);
    }

    public int headTokens() {
        return header.path("head_tokens").asInt(0);
    }

    public String strong() {
        return header.path("strong").asText();
    }

    public String weak() {
        return header.path("weak").asText();
    }

    public ScoreRule rule() {
        return ScoreRule.valueOf(header.path("rule").asText("GAP"));
    }

    public double defaultThreshold() {
        return header.path("default_threshold").asDouble(0.5);
    }

    /** Template lines removed from the final question before embedding (learned from the training prompts). */
    public java.util.Set<String> boilerplate() {
        java.util.Set<String> set = new java.util.HashSet<>();
        header.path("boilerplate").forEach(n -> set.add(n.asText()));
        return set;
    }

    public RouterModel withBoilerplate(java.util.Collection<String> lines) {
        ObjectNode h = header.deepCopy();
        var arr = h.putArray("boilerplate");
        lines.forEach(arr::add);
        return new RouterModel(h, model);
    }

    public RouterModel withDefaultThreshold(double threshold) {
        ObjectNode h = header.deepCopy();
        h.put("default_threshold", threshold);
        return new RouterModel(h, model);
    }

    /** The embedder this model was trained with (shared per process). */
    public PromptEmbedder embedder() {
        PromptEmbedder e = PromptEmbedder.shared(embedding(), maxTokens(), headTokens());
        return e;
    }

    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out);
        DataOutputStream data = new DataOutputStream(gz);
        data.writeInt(MAGIC);
        data.writeInt(1);
        data.writeUTF(Json.text(header));
        data.writeUTF(model.kind());
        model.write(data);
        data.flush();
        gz.finish();
    }

    public void write(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        }
    }

    public static RouterModel read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a tiergate router model");
        }
        int version = data.readInt();
        if (version != 1) {
            throw new IOException("unsupported router model version " + version);
        }
        ObjectNode header = (ObjectNode) Json.parse(data.readUTF());
        String kind = data.readUTF();
        return new RouterModel(header, QualityModel.read(kind, data));
    }

    public static RouterModel read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** The default router shipped in the jar. */
    public static RouterModel bundled() {
        RouterModel m = bundled;
        if (m == null) {
            synchronized (RouterModel.class) {
                if (bundled == null) {
                    try (InputStream in = RouterModel.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("bundled router model " + BUNDLED_RESOURCE + " is missing");
                        }
                        bundled = read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the bundled router model", e);
                    }
                }
                m = bundled;
            }
        }
        return m;
    }
}
