package io.hfhub.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says in words what a file-system exception means. The JDK's {@link FileSystemException}s carry only the
 * path as their message ({@code NoSuchFileException: /x/y}), which printed alone reads as a bare path, and
 * printed with {@code toString()} as a Java class name: neither tells a user what happened.
 */
public final class FileErrors {
    private FileErrors() {}

    /** A sentence fragment: what went wrong, with the path(s) concerned. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() != null ? fs.getFile() : "?";
            String other = fs.getOtherFile() != null ? " (to " + fs.getOtherFile() + ")" : "";
            String what;
            if (e instanceof NoSuchFileException) {
                what = file + " does not exist" + other + " (removed while in use, e.g. by `hfhub cache delete`?)";
            } else if (e instanceof FileAlreadyExistsException) {
                what = file + " already exists" + other;
            } else if (e instanceof DirectoryNotEmptyException) {
                what = file + " is a folder that is not empty" + other;
            } else if (e instanceof NotDirectoryException) {
                what = file + " is not a folder";
            } else if (e instanceof AccessDeniedException) {
                what = "permission denied on " + file + other;
            } else {
                what = file + other + ": " + (fs.getReason() != null ? fs.getReason() : "file system error");
            }
            return what;
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
