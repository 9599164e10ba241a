/**
 * Internal: archive format detection and safe, atomic extraction behind {@link io.hfhub.Archives} and the
 * downloader's {@code extract} option. Not an API; only {@link io.hfhub.extract.CacheExtraction} is called
 * from outside this package (by the downloader).
 *
 * <p>The pipeline, one class per step, in the order {@link io.hfhub.extract.Extractor} runs them:
 * {@link io.hfhub.extract.FormatDetector} (magic bytes, then a peek at the decompressed head for tar) →
 * {@link io.hfhub.extract.OpenArchive} (one decoder per {@link io.hfhub.extract.Compression}, decoding on a
 * second thread, and one {@link io.hfhub.extract.EntryReader} per container: zip, tar, single file) →
 * {@link io.hfhub.extract.SafeTree} (names, links and special files checked; every byte counted by
 * {@link io.hfhub.extract.ExtractionMeter}) → {@link io.hfhub.extract.AtomicDirectory} (temporary sibling,
 * one rename).
 */
package io.hfhub.extract;
