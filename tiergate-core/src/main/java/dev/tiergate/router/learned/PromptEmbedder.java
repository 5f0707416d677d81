package dev.tiergate.router.learned;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sentence embeddings in process: an int8 BERT-style ONNX model and its HuggingFace tokenizer, both read from a jar
 * on the classpath (langchain4j's model artifacts), run by ONNX Runtime. Never touches the network.
 *
 * <p>Truncation: the text is first reduced by {@link PromptText#finalQuestion} (the caller decides), then cut to
 * its last {@code maxTokens - 2} word pieces (plus [CLS]/[SEP]), so a 4,000-token prompt costs the same as a
 * {@code maxTokens} one. Batches are length-sorted and padded per batch. An LRU cache keyed by the truncated text
 * makes repeated prompts free. Thread-safe.
 */
public final class PromptEmbedder implements AutoCloseable {

    /** Which bundled model, and how to pool its token states into one vector. */
    public enum Model {
        BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS),
        ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN);

        final String onnxResource;
        final String tokenizerResource;
        final Pooling pooling;

        Model(String onnxResource, String tokenizerResource, Pooling pooling) {
            this.onnxResource = onnxResource;
            this.tokenizerResource = tokenizerResource;
            this.pooling = pooling;
        }

        public static Model byName(String name) {
            for (Model m : values()) {
                if (m.name().equalsIgnoreCase(name) || m.onnxResource.startsWith(name.toLowerCase())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown embedding model " + name);
        }
    }

    enum Pooling { CLS, MEAN }

    public static final int DEFAULT_MAX_TOKENS = 128;
    public static final int DEFAULT_CACHE_SIZE = 4096;
    private static final int BATCH = 16;

    static {
        // DJL must never try to reach the network (model zoo downloads, tracking).
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private static final Map<String, PromptEmbedder> SHARED = new HashMap<>();

    private final Model model;
    private final int maxTokens;
    private final int headTokens;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final long clsId;
    private final long sepId;
    private final boolean needsTypeIds;
    private final int dimension;
    private final Lru cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public PromptEmbedder(Model model, int maxTokens, int cacheSize, int threads) {
        this(model, maxTokens, 0, cacheSize, threads);
    }

    /**
     * @param maxTokens  tokens fed to the model, [CLS] and [SEP] included
     * @param headTokens of those, how many come from the start of the text when it is too long (the rest is its
     *                   tail); 0 = pure tail
     */
    public PromptEmbedder(Model model, int maxTokens, int headTokens, int cacheSize, int threads) {
        if (maxTokens < 8) {
            throw new IllegalArgumentException("maxTokens must be >= 8");
        }
        if (headTokens < 0 || headTokens > maxTokens - 4) {
            throw new IllegalArgumentException("headTokens must be in [0, maxTokens - 4]");
        }
        this.model = model;
        this.maxTokens = maxTokens;
        this.headTokens = headTokens;
        this.cache = new Lru(Math.max(0, cacheSize));
        try {
            this.env = ortEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // spinning worker threads burn a core between runs and collapse under CPU contention (p99 x10 in JMH)
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = env.createSession(readResource(model.onnxResource), options);
            this.needsTypeIds = session.getInputNames().contains("token_type_ids");
            try (InputStream in = resource(model.tokenizerResource)) {
                this.tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                        "addSpecialTokens", "false", "truncation", "false", "padding", "false"));
            }
            Encoding special = tokenizer.encode("", true, false);
            long[] ids = special.getIds();
            this.clsId = ids.length >= 2 ? ids[0] : 101;
            this.sepId = ids.length >= 2 ? ids[ids.length - 1] : 102;
            this.dimension = embedUncached(List.of("dimension probe")).get(0).length;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load embedding model " + model, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer of " + model, e);
        }
    }

    /** A process-wide embedder per (model, maxTokens): loading costs ~0.5 s and ~60 MB, so share it. */
    public static PromptEmbedder shared(Model model, int maxTokens) {
        return shared(model, maxTokens, 0);
    }

    /**
     * ONNX Runtime intra-op threads of the shared (serving) embedder: 1. A 32-token MiniLM run is ~4 ms of CPU and
     * its cost grows with tokens, not with the batch; in JMH on the busy 2-core machine a second intra-op thread did
     * not lower p50 and tripled p99 (docs/BENCHMARKS.md). Concurrent requests give the parallelism instead.
     * Override with {@code -Dtiergate.router.threads=N}.
     */
    static final int SHARED_THREADS = Math.max(1, Integer.getInteger("tiergate.router.threads", 1));

    /** A process-wide embedder per (model, maxTokens, headTokens). */
    public static synchronized PromptEmbedder shared(Model model, int maxTokens, int headTokens) {
        return SHARED.computeIfAbsent(model + ":" + maxTokens + ":" + headTokens,
                k -> new PromptEmbedder(model, maxTokens, headTokens, DEFAULT_CACHE_SIZE, SHARED_THREADS));
    }

    public Model model() {
        return model;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public int dimension() {
        return dimension;
    }

    public long cacheHits() {
        return hits.get();
    }

    public long cacheMisses() {
        return misses.get();
    }

    /** One L2-normalised embedding of (the tail of) {@code text}. */
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /** Embeds many texts in length-sorted batches; cached texts are not recomputed. Order is preserved. */
    public List<float[]> embedAll(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<Integer> todo = new ArrayList<>();
        List<String> keys = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i) == null ? "" : texts.get(i);
            String key = headTokens == 0 ? PromptText.tail(text, maxTokens * 12) : PromptText.headTail(text, maxTokens * 12);
            keys.add(key);
            float[] cached = cache.get(key);
            if (cached != null) {
                hits.incrementAndGet();
                out[i] = cached;
            } else {
                misses.incrementAndGet();
                todo.add(i);
            }
        }
        if (!todo.isEmpty()) {
            todo.sort(Comparator.comparingInt(i -> keys.get(i).length()));
            for (int start = 0; start < todo.size(); start += BATCH) {
                List<Integer> chunk = todo.subList(start, Math.min(todo.size(), start + BATCH));
                List<String> batch = new ArrayList<>(chunk.size());
                for (int i : chunk) {
                    batch.add(keys.get(i));
                }
                List<float[]> vectors = embedUncached(batch);
                for (int j = 0; j < chunk.size(); j++) {
                    out[chunk.get(j)] = vectors.get(j);
                    cache.put(batch.get(j), vectors.get(j));
                }
            }
        }
        return Arrays.asList(out);
    }

    public int headTokens() {
        return headTokens;
    }

    /** [CLS] + word pieces + [SEP]; too long: the first headTokens pieces and the last ones up to maxTokens. */
    long[] tokenIds(String text) {
        return tokenIds(text, true);
    }

    /** As {@link #tokenIds(String)}; {@code tailWindow = false} always tokenises the whole text (tests compare). */
    long[] tokenIds(String text, boolean tailWindow) {
        int budget = maxTokens - 2;
        long[] pieces = tailWindow && headTokens == 0 ? tailPieces(text, budget) : null;
        if (pieces == null) {
            pieces = tokenizer.encode(text, false, false).getIds();
        }
        long[] ids;
        if (pieces.length <= budget) {
            ids = new long[pieces.length + 2];
            System.arraycopy(pieces, 0, ids, 1, pieces.length);
        } else {
            ids = new long[maxTokens];
            System.arraycopy(pieces, 0, ids, 1, headTokens);
            int tail = budget - headTokens;
            System.arraycopy(pieces, pieces.length - tail, ids, 1 + headTokens, tail);
        }
        ids[0] = clsId;
        ids[ids.length - 1] = sepId;
        return ids;
    }

    /**
     * The word pieces of a long text's tail, tokenising only about {@code 6 * budget} characters of it (the DJL
     * tokenizer's cost grows with the text): the window starts right after a plain space / tab / newline, where the
     * BERT pre-tokenizer splits, so its pieces are exactly the trailing pieces of the whole text. Null when the
     * window has fewer than {@code budget} pieces or no such split point: the caller then tokenises everything.
     */
    private long[] tailPieces(String text, int budget) {
        int window = budget * 6;
        if (text.length() <= window * 2) {
            return null;
        }
        int start = text.length() - window;
        int limit = Math.min(text.length(), start + 32);
        for (int i = start; i < limit; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                long[] pieces = tokenizer.encode(text.substring(i + 1), false, false).getIds();
                return pieces.length >= budget ? pieces : null;
            }
        }
        return null;
    }

    /** Word-piece count of a text (no special tokens), for length features. */
    public int countTokens(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    private List<float[]> embedUncached(List<String> texts) {
        int n = texts.size();
        long[][] ids = new long[n][];
        int len = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = tokenIds(texts.get(i));
            len = Math.max(len, ids[i].length);
        }
        long[] inputIds = new long[n * len];
        long[] mask = new long[n * len];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ids[i], 0, inputIds, i * len, ids[i].length);
            Arrays.fill(mask, i * len, i * len + ids[i].length, 1L);
        }
        long[] shape = {n, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (needsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n * len]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] states = (float[][][]) result.get(0).getValue();
                List<float[]> vectors = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    vectors.add(pool(states[i], ids[i].length));
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(float[][] states, int length) {
        int dim = states[0].length;
        float[] v = new float[dim];
        if (model.pooling == Pooling.CLS) {
            System.arraycopy(states[0], 0, v, 0, dim);
        } else {
            for (int t = 0; t < length; t++) {
                for (int d = 0; d < dim; d++) {
                    v[d] += states[t][d];
                }
            }
            for (int d = 0; d < dim; d++) {
                v[d] /= length;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = norm > 0 ? (float) (1.0 / Math.sqrt(norm)) : 0f;
        for (int d = 0; d < dim; d++) {
            v[d] *= inv;
        }
        return v;
    }

    private static volatile OrtEnvironment ortEnv;

    /**
     * ONNX Runtime 1.29's native initialisation recurses deeply: on a thread with the JVM's default 1 MB stack
     * (request threads, the main thread) it overflows and the process dies with a bare SIGSEGV. So the environment
     * is created once on a private thread with a 64 MB stack; sessions created and run later need no more stack.
     */
    static OrtEnvironment ortEnvironment() {
        OrtEnvironment e = ortEnv;
        if (e != null) {
            return e;
        }
        synchronized (PromptEmbedder.class) {
            if (ortEnv == null) {
                Object[] box = new Object[1];
                Thread init = new Thread(null, () -> {
                    try {
                        box[0] = OrtEnvironment.getEnvironment();
                    } catch (Throwable t) {
                        box[0] = t;
                    }
                }, "tiergate-ort-init", 64L << 20);
                init.setDaemon(true);
                init.start();
                try {
                    init.join();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading ONNX Runtime", ie);
                }
                if (box[0] instanceof Throwable t) {
                    throw new IllegalStateException("cannot load ONNX Runtime", t);
                }
                ortEnv = (OrtEnvironment) box[0];
            }
            return ortEnv;
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = PromptEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " not on the classpath (missing langchain4j embeddings jar?)");
        }
        return in;
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing is best effort
        }
        tokenizer.close();
    }

    /** A small synchronized access-order LRU. */
    private static final class Lru {
        private final int capacity;
        private final LinkedHashMap<String, float[]> map;

        Lru(int capacity) {
            this.capacity = capacity;
            this.map = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                    return size() > Lru.this.capacity;
                }
            };
        }

        synchronized float[] get(String key) {
            return capacity == 0 ? null : map.get(key);
        }

        synchronized void put(String key, float[] value) {
            if (capacity > 0) {
                map.put(key, value);
            }
        }
    }
}
