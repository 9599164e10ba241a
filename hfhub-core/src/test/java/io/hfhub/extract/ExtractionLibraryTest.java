package io.hfhub.extract;

import static io.hfhub.extract.ExtractionLibrary.COMMONS_COMPRESS;
import static io.hfhub.extract.ExtractionLibrary.XZ;
import static io.hfhub.extract.ExtractionLibrary.ZSTD_JNI;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.ArchiveFormat;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which optional jar each format needs, and which one is reported missing: pure decisions, no class loading. */
class ExtractionLibraryTest {
    @Test
    void everyFormatNeedsExactlyTheJarsItsReaderAndDecoderLoad() {
        assertThat(ExtractionLibrary.requiredFor(ArchiveFormat.GZ)).isEmpty(); // the JDK's gzip
        assertThat(ExtractionLibrary.requiredFor(ArchiveFormat.NONE)).isEmpty();
        for (ArchiveFormat format : EnumSet.of(ArchiveFormat.ZIP, ArchiveFormat.TAR, ArchiveFormat.TAR_GZ,
                ArchiveFormat.TAR_BZ2, ArchiveFormat.BZ2)) {
            assertThat(ExtractionLibrary.requiredFor(format)).as(format.name()).containsExactly(COMMONS_COMPRESS);
        }
        assertThat(ExtractionLibrary.requiredFor(ArchiveFormat.TAR_XZ)).containsExactly(COMMONS_COMPRESS, XZ);
        assertThat(ExtractionLibrary.requiredFor(ArchiveFormat.XZ)).containsExactly(COMMONS_COMPRESS, XZ);
        assertThat(ExtractionLibrary.requiredFor(ArchiveFormat.TAR_ZST)).containsExactly(COMMONS_COMPRESS, ZSTD_JNI);
        assertThat(ExtractionLibrary.requiredFor(ArchiveFormat.ZST)).containsExactly(COMMONS_COMPRESS, ZSTD_JNI);
        // a compressed tar needs what its compression needs, plus the tar reader
        for (ArchiveFormat format : ArchiveFormat.values()) {
            Set<ExtractionLibrary> decoder = ExtractionLibrary.requiredFor(FormatDetector.compressionOf(format));
            assertThat(ExtractionLibrary.requiredFor(format)).as(format.name()).containsAll(decoder);
        }
    }

    @Test
    void theMissingJarIsNamedByItsMavenCoordinatesCommonsCompressFirst() {
        Set<ExtractionLibrary> tarXz = ExtractionLibrary.requiredFor(ArchiveFormat.TAR_XZ);
        assertThat(ExtractionLibrary.firstMissing(tarXz, name -> true)).isNull();
        assertThat(ExtractionLibrary.firstMissing(tarXz, name -> !name.startsWith("org.tukaani."))).isEqualTo(XZ);
        assertThat(ExtractionLibrary.firstMissing(tarXz, name -> false)).isEqualTo(COMMONS_COMPRESS);
        assertThat(COMMONS_COMPRESS.coordinates()).isEqualTo("org.apache.commons:commons-compress");
        assertThat(XZ.coordinates()).isEqualTo("org.tukaani:xz");
        assertThat(ZSTD_JNI.coordinates()).isEqualTo("com.github.luben:zstd-jni");
    }

    @Test
    void eachProbeClassIsOneTheLibraryReallyHas() throws Exception {
        // On the test class path all three are present: a typo in a probe would report a present jar missing.
        for (ExtractionLibrary library : ExtractionLibrary.values()) {
            Class.forName(library.probeClass(), false, getClass().getClassLoader());
        }
    }
}
