/**
 * The pure building blocks of whole-repository snapshots: pattern filtering, the Hub's tree listing and its
 * on-disk cache ({@code trees/<commit>.json}), {@code local_dir} metadata and the order in which files are
 * fetched. Byte-range planning and the connection-pool controller live with the transfer engine that uses them.
 *
 * <p>Nothing here performs HTTP; the snapshot downloader wires these pieces to the transfer layer. Where a class
 * reads or writes a file that the Python {@code huggingface_hub} client also reads or writes, it does so in the
 * exact same format, so that either client can pick up where the other left off.
 */
package io.hfhub.snapshot;
