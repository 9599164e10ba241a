package io.hfhub.extract;

/**
 * One entry as an archive describes it, before any safety check: the format readers produce these and
 * {@link SafeTree} alone decides what reaches the disk.
 *
 * @param name           the raw entry name (untrusted)
 * @param kind           what the entry is
 * @param linkTarget     the target of a symbolic or hard link, else null (untrusted)
 * @param mode           the Unix permission bits, 0 when the archive records none
 * @param modifiedMillis the modification time in epoch milliseconds, or -1 when unknown
 */
record ArchiveItem(String name, Kind kind, String linkTarget, int mode, long modifiedMillis) {
    /** The entry types archives can hold. */
    enum Kind {
        FILE("regular file"),
        DIRECTORY("folder"),
        SYMLINK("symbolic link"),
        HARDLINK("hard link"),
        CHARACTER_DEVICE("character device"),
        BLOCK_DEVICE("block device"),
        FIFO("fifo"),
        OTHER("entry of an unsupported type");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** A phrase for error messages, e.g. "character device". */
        String description() {
            return description;
        }
    }
}
