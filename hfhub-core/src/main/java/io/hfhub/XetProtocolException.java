package io.hfhub;

/**
 * The Xet CAS answered something that breaks its protocol: a reconstruction whose terms and fetch ranges do not fit
 * together or do not add up to the file's size, a xorb range whose chunk headers lie (a chunk over the 128 KiB the
 * format allows, data that decompresses to more or less than announced, bytes left over), a URL of another scheme.
 * Nothing was written to the cache. Retrying rarely helps; {@code HF_HUB_DISABLE_XET=1} fetches the file by plain
 * HTTP instead, where the Hub still serves it.
 */
public class XetProtocolException extends HfHubException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     */
    public XetProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param cause the underlying failure
     */
    public XetProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
