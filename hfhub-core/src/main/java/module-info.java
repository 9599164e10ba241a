/**
 * hfhub: downloads from the Hugging Face Hub into the cache the Python {@code huggingface_hub} client shares.
 *
 * <p>Two packages are the API: {@code io.hfhub} (the client {@link io.hfhub.HfHub}, its requests, options and
 * exceptions) and {@code io.hfhub.cache} (managing a cache folder: scan, delete, prune, verify, serve). Every
 * other package is internal and not exported, so it can change in any release.
 */
module io.hfhub.core {
    exports io.hfhub;
    exports io.hfhub.cache;

    // JSON: the Hub's API answers, tree listings, resume state, the mirror's answers; the streaming API alone
    // (io.hfhub.json), so no package is opened to reflection.
    requires com.fasterxml.jackson.core;

    // Xet chunks are LZ4-compressed: needed for every Xet download.
    requires org.lz4.java;

    // Archive extraction only (download --extract, hfhub extract); optional for users who never extract.
    requires static org.apache.commons.compress;
    requires static org.tukaani.xz;
    requires static com.github.luben.zstd_jni;
}
